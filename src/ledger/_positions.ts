/**
 * Which transfers a ledger holds, and in what order: the transfers in force at `asOf` (all of
 * them, or only those victim money can touch) sorted once by (time, id), and those after `asOf`.
 *
 * @module ledger/_positions
 */
import { reachableTransfers } from './_reach.js'
import { sortPositionsByTimeThenId } from './_sort.js'

/**
 * `all`: every transfer in force. `reachable`: the fraudulent transfers and every transfer into
 * or out of an account victim money can reach in time — the sweep's result is the same, and
 * money that never meets victim money is neither sorted nor swept.
 */
export type LedgerScope = 'all' | 'reachable'

/** Input-order columns of a case's transfers (`from`/`to` are read only for transfers in force). */
export interface PositionInput {
  readonly from: Int32Array
  readonly to: Int32Array
  readonly time: Float64Array
  readonly count: number
  readonly accountCount: number
  readonly asOf: number | null
  /** Input positions of the fraudulent transfers. */
  readonly fraud: readonly number[]
  readonly idOf: (position: number) => string
  readonly compareIds?: (a: number, b: number) => number
}

/**
 * Input positions (ascending) of the transfers in force the ledger keeps, or `null` when it keeps
 * every transfer (scope `all` and nothing after `asOf`).
 *
 * @example
 * keptPositions({ from, to, time, count: 3, accountCount: 5, asOf: null, fraud: [0], idOf: (i) => ids[i] }, 'all') //=> null
 */
export function keptPositions(input: PositionInput, scope: LedgerScope): Uint32Array | null {
  const { time, count, asOf } = input
  const until = asOf ?? Number.POSITIVE_INFINITY
  if (scope === 'reachable') return reachableTransfers({ ...input, until }, input.fraud.filter((i) => time[i]! <= until))
  if (asOf === null) return null
  const kept = positionsBetween(time, count, Number.NEGATIVE_INFINITY, until)
  return kept.length === count ? null : kept
}

/**
 * Input positions of the transfers after `asOf`, in (time, id) order.
 *
 * @example
 * afterPositions({ time, count: 3, asOf: null, idOf: (i) => ids[i] }) //=> Uint32Array []
 */
export function afterPositions(input: Pick<PositionInput, 'time' | 'count' | 'asOf' | 'idOf' | 'compareIds'>): Uint32Array {
  const { time, count, asOf } = input
  if (asOf === null) return new Uint32Array(0)
  return sortPositionsByTimeThenId(time, positionsBetween(time, count, asOf, Number.POSITIVE_INFINITY), input.idOf, input.compareIds)
}

/**
 * Input positions of the ledger's transfers in (time, id) order, and of the transfers after `asOf`.
 *
 * @example
 * ledgerPositions({ from, to, time, count: 3, accountCount: 5, asOf: null, fraud: [0], idOf: (i) => ids[i] }, 'reachable').inForce
 */
export function ledgerPositions(input: PositionInput, scope: LedgerScope): { inForce: Uint32Array; after: Uint32Array } {
  const kept = keptPositions(input, scope) ?? positionsBetween(input.time, input.count, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY)
  return { inForce: sortPositionsByTimeThenId(input.time, kept, input.idOf, input.compareIds), after: afterPositions(input) }
}

/**
 * Input positions (ascending) of the transfers at a time in (`after`, `until`]. The bounds are
 * compared inline, not through a callback: a callback taking each time as a number boxed a
 * million doubles per trace (16 MB of garbage).
 */
function positionsBetween(time: Float64Array, count: number, after: number, until: number): Uint32Array {
  let n = 0
  for (let i = 0; i < count; i++) {
    const t = time[i]!
    if (t > after && t <= until) n++
  }
  const out = new Uint32Array(n)
  n = 0
  for (let i = 0; i < count; i++) {
    const t = time[i]!
    if (t > after && t <= until) out[n++] = i
  }
  return out
}
