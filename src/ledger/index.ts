export { buildLedger, KIND_BY_CODE, KIND_CODES, type Ledger } from './build.js'
export { compareCodePoints, compareTransfers } from './compare.js'
