import type { Transfer } from '../case/types.js'
import { FundtraceError } from '../errors/index.js'
import { compareCodePoints, type Ledger } from '../ledger/index.js'
import type { Lot } from './lot.js'
import type { SweepState, TraceWork } from './sweep.js'
import type { TraceResult } from './types.js'

/** One step of an evidence chain: a transfer and how much of the chained money it carried. */
export interface ChainStep {
  readonly transfer: Transfer
  readonly amount: bigint
}

/** A chain of transfers that brought `amount` of one victim's money to the account, where it is held. */
export interface Chain {
  readonly victim: string
  readonly amount: bigint
  /** The money is in a pending transfer, not yet credited. */
  readonly pending: boolean
  readonly steps: readonly ChainStep[]
}

const internals = new WeakMap<TraceResult, { ledger: Ledger; state: SweepState }>()

/** @internal Links a result to the sweep state that {@link explain} reads. */
export function rememberSweep(result: TraceResult, ledger: Ledger, state: SweepState): void {
  internals.set(result, { ledger, state })
}

/**
 * The evidence for money held in an account: per victim, the chains of transfers (ids, times,
 * amounts carried) that brought it there, exact for the method the trace used. This is what an
 * analyst shows a bank to justify a stop.
 *
 * @example
 * const result = trace(caseFile, { method: 'fifo' })
 * for (const chain of explain(result, '6222020200004321'))
 *   console.log(chain.victim, chain.amount, chain.steps.map((s) => s.transfer.id).join(' → '))
 */
export function explain(result: TraceResult, account: string): Chain[] {
  const inner = internals.get(result)
  if (!inner) throw new FundtraceError([{ code: 'invalid_option', message: 'explain needs a result returned by trace()', path: [] }])
  const { ledger, state } = inner
  const index = ledger.accountIndex.get(account)
  if (index === undefined) {
    throw new FundtraceError([{ code: 'unknown_account', message: `account ${JSON.stringify(account)} is not in this case`, path: ['account'] }])
  }
  const pool = state.pools.get(index)
  if (!pool) return []
  const grouped = new Map<string, { victim: number; pending: boolean; amount: bigint; vias: number[] }>()
  const add = (lot: Lot, pending: boolean) => {
    const vias: number[] = []
    for (let l: Lot | null = lot; l !== null; l = l.parent) if (l.via >= 0) vias.push(l.via)
    vias.reverse()
    const key = `${lot.origin}|${pending ? 1 : 0}|${vias.join(',')}`
    const entry = grouped.get(key)
    if (entry) entry.amount += lot.amount
    else grouped.set(key, { victim: lot.origin, pending, amount: lot.amount, vias })
  }
  for (const lot of pool.victimLots()) add(lot, false)
  for (const lot of pool.pending) add(lot, true)
  return [...grouped.values()]
    .sort((a, b) => a.victim - b.victim || (b.amount > a.amount ? 1 : b.amount < a.amount ? -1 : 0) || compareVias(a.vias, b.vias, ledger))
    .map((g) => ({
      victim: ledger.victimIds[g.victim]!,
      amount: g.amount,
      pending: g.pending,
      steps: g.vias.map((pos) => ({ transfer: ledger.transferAt(pos), amount: g.amount })),
    }))
}

function compareVias(a: readonly number[], b: readonly number[], ledger: Ledger): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return compareCodePoints(ledger.transferIdAt(a[i]!), ledger.transferIdAt(b[i]!)) || a[i]! - b[i]!
  return a.length - b.length
}

/**
 * The work the sweep behind a result did: withdrawals, origins visited, pieces taken and lots
 * made (see {@link TraceWork}). Under `pro_rata` the cost is proportional to the origins present
 * in each pool a withdrawal draws on, not to the number of victims; this shows it.
 *
 * @example
 * const work = traceWork(trace(caseFile, { method: 'pro_rata' }))
 * console.log(work.originsVisited / work.withdrawals) // origins per withdrawal
 */
export function traceWork(result: TraceResult): TraceWork {
  const work = internals.get(result)?.state.work
  if (!work) throw new FundtraceError([{ code: 'invalid_option', message: 'traceWork needs a result returned by trace()', path: [] }])
  return { ...work }
}
