/**
 * Bank-statement importers (明细查询 → transfers): the police bank-query feedback format, any
 * CSV layout with a column mapping, GBK/UTF-8 decoding, balance reconciliation and the merging
 * of the sender's and the receiver's statements.
 *
 * @module io/statements
 */
export { importPoliceFeedback, POLICE_HEADERS, type PoliceFeedbackOptions } from './police.js'
export { importStatementCsv, type GenericStatementOptions } from './generic.js'
export { mergeStatements, type MergeOptions, type MergedStatements, type MergeWarning, type MergeConflict, type StatementRowRef } from './merge.js'
export { reconcileBalances, type BalanceCheck } from './balance.js'
export { decodeStatement, type DecodedStatement } from './decode.js'
export { parseStatementTime } from './time.js'
export { DIRECTION_VALUES, parseDirection, parseSignedAmount, type SignedAmount } from './cells.js'
export type { Field as StatementField } from './_core.js'
export type {
  AccountHint, ColumnMapping, Columns, DecodedEncoding, Direction, InvalidRow, Movement, SkippedRow, SkipReason,
  StatementEncoding, StatementImport, StatementLine, StatementOptions, StatementWarning,
} from './types.js'
