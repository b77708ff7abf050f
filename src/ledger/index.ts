export { buildLedger, KIND_BY_CODE, KIND_CODES, type BuildLedgerOptions, type Ledger } from './build.js'
export type { LedgerScope } from './_positions.js'
export { builderOf, LedgerBuilder, type CaseHeader } from './builder.js'
export { codePointOrderOf, compareCodePoints, compareTransfers } from './compare.js'
