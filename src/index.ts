/**
 * fundtrace — follow stolen money through bank accounts.
 *
 * Case file in (`parseCase`, `readCaseFile`), exact multi-level trace out (`trace`, `explain`,
 * `compareMethods`), and the report with ranked stop-payment actions (`toReport`).
 *
 * @packageDocumentation
 */
export { FundtraceError, formatIssue, formatPath, isFundtraceError, type Issue, type IssueCode, type IssuePath, type Warning, type WarningCode } from './errors/index.js'
export * from './case/index.js'
export { buildLedger, compareCodePoints, type BuildLedgerOptions, type Ledger, type LedgerScope } from './ledger/index.js'
export * from './trace/index.js'
export * from './report/index.js'
export * from './plan/index.js'
export * from './graph/index.js'
export * from './link/index.js'
export * from './io/index.js'
export { collectActions, rankActions, rankCollected, type Action, type Rankable, type Unranked } from './plan/actions.js'
export { nextQueries, type NextQuery } from './plan/queries.js'
export { rankRobustActions, type RobustAction } from './plan/robust-actions.js'
export * from './source/index.js'
export * from './investigate/index.js'
