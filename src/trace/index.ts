export { trace } from './trace.js'
export { explain, type Chain, type ChainStep } from './explain.js'
export { amounts, compareMethods, type AccountComparison, type MethodAmounts, type MethodComparison } from './compare.js'
export type { AccountTrace, Flow, InFlight, Reversible, TraceOptions, TraceResult, VictimSheet } from './types.js'
