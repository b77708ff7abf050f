import type { Case } from '../case/types.js'
import { buildLedger } from '../ledger/index.js'
import { compareAccounts } from './_compare-accounts.js'
import { METHODS, type Method } from '../report/types.js'
import { assembleResult } from './assemble.js'
import { rememberSweep } from './explain.js'
import { fitsInNumbers, sweep } from './sweep.js'
import type { TraceOptions, TraceResult } from './types.js'

/** What each method says, and the undisputed (minimum) and maximum over them. */
export interface MethodAmounts {
  readonly fifo: bigint
  readonly lifo: bigint
  readonly pro_rata: bigint
  readonly victim_last: bigint
  /** Money every rule agrees on. */
  readonly min: bigint
  readonly max: bigint
}

/** Per account: held money under every method, per victim and in total. */
export interface AccountComparison {
  readonly id: string
  /** Lowest level at which any method saw victim money arrive. */
  readonly level: number
  readonly held: ReadonlyMap<string, MethodAmounts>
  readonly total: MethodAmounts
}

export interface MethodComparison {
  readonly results: Readonly<Record<Method, TraceResult>>
  /** Every account any method reached, by level then id. */
  readonly accounts: readonly AccountComparison[]
}

/**
 * Traces a case under all four methods — one sorted ledger, four sweeps — and shows, per account
 * and victim, what each method says is held there, the undisputed minimum and the maximum. A
 * stop for the undisputed amount is defensible under every tracing rule a court may apply.
 *
 * @example
 * const { accounts } = compareMethods(caseFile)
 * accounts[0].total //=> { fifo: 4652000n, lifo: …, pro_rata: …, victim_last: …, min: …, max: … }
 */
export function compareMethods(caseFile: Case, options: Omit<TraceOptions, 'method'> = {}): MethodComparison {
  const ledger = buildLedger(caseFile, options.asOf === undefined ? { scope: 'reachable' } : { asOf: options.asOf, scope: 'reachable' })
  const maxLevel = options.maxLevel ?? null
  const results = {} as Record<Method, TraceResult>
  const numbers = fitsInNumbers(ledger)
  for (const method of METHODS) {
    const state = sweep(ledger, method, maxLevel, numbers)
    const result = assembleResult(ledger, state, method, maxLevel)
    rememberSweep(result, ledger, state)
    results[method] = result
  }
  return { results, accounts: compareAccounts(results) }
}

/**
 * Collects one amount per method with its min and max.
 *
 * @example
 * amounts((m) => (m === 'lifo' ? 0n : 5n)) //=> { fifo: 5n, lifo: 0n, pro_rata: 5n, victim_last: 5n, min: 0n, max: 5n }
 */
export function amounts(of: (method: Method) => bigint): MethodAmounts {
  const fifo = of('fifo'), lifo = of('lifo'), pro_rata = of('pro_rata'), victim_last = of('victim_last')
  let min = fifo, max = fifo
  for (const x of [lifo, pro_rata, victim_last]) {
    if (x < min) min = x
    if (x > max) max = x
  }
  return { fifo, lifo, pro_rata, victim_last, min, max }
}
