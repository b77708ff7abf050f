/**
 * The ledger of a columnar case: {@link TransferColumns} (filled by a parser or a reader) sorted
 * once into a {@link Ledger}; `LedgerBuilder` is the columns with `finish()` to do that.
 *
 * @module ledger/builder
 */
import { columnsOf, lazyArray, PENDING, TransferColumns, type CaseHeader } from '../case/columns.js'
import type { Case, Transfer } from '../case/types.js'
import { ledgerPositions, type LedgerScope } from './_positions.js'
import { accountColumns, type Ledger } from './build.js'
import { ledgerColumns } from './_columns.js'

export type { CaseHeader }

/**
 * Collects a case's transfers as columns ({@link TransferColumns}) and sorts them into a ledger.
 *
 * @example
 * const builder = new LedgerBuilder(header)
 * for (const t of validTransfers) builder.add(t)
 * const ledger = builder.finish()   // or trace(builder.toCase())
 */
export class LedgerBuilder extends TransferColumns {
  /**
   * The ledger in force at `asOf` (default: the header's), sorted once; the last one is cached.
   * `source` is the Case the ledger reports as its own (default: a new {@link toCase}).
   */
  finish(options: { asOf?: number | null; scope?: LedgerScope } = {}, source: Case = this.toCase()): Ledger {
    const asOf = options.asOf !== undefined ? options.asOf : (this.header.asOf ?? null)
    const scope = options.scope ?? 'all'
    return ledgerOfColumns(this, asOf, scope, source)
  }
}


/**
 * The ledger of columns `c` in force at `asOf`, sorted once (only what victim money can touch
 * under scope `reachable`).
 *
 * @example
 * ledgerOfColumns(columnsOf(parsed)!, null, 'reachable', parsed)
 */
export function ledgerOfColumns(c: TransferColumns, asOf: number | null, scope: LedgerScope, source: Case): Ledger {
  const count = c.count
  const inputTime = c.time.subarray(0, count)
  const { victimIds, fraudVictim, accountMeta, kind, ownerVictim, openingBalance } = accountColumns(source, c.accountIds, c.accountIndex)
  const fraudByIndex = new Map<number, number>()
  for (const [id, v] of fraudVictim) {
    const i = c.indexOf(id)
    if (i >= 0) fraudByIndex.set(i, v)
  }
  const positions = ledgerPositions({
    from: c.from, to: c.to, time: inputTime, count, accountCount: c.accountIds.length, asOf,
    fraud: [...fraudByIndex.keys()], idOf: (p) => c.ids.get(p), compareIds: (a, b) => c.ids.compare(a, b),
  }, scope)
  const order = positions.inForce
  const n = order.length

  const { from, to, time, amount, pending, fraudOf } = ledgerColumns(n)
  let amountsExact = true
  for (let k = 0; k < n; k++) {
    const i = order[k]!
    from[k] = c.from[i]!
    to[k] = c.to[i]!
    time[k] = inputTime[i]!
    const a = c.amount[i]!
    amount[k] = a
    if (a > Number.MAX_SAFE_INTEGER) amountsExact = false
    pending[k] = c.flags[i]! & PENDING
    fraudOf[k] = fraudByIndex.get(i) ?? -1
  }

  // accounts named only by transfers after asOf are not in this ledger (as buildLedger leaves them out)
  let accountIndex: ReadonlyMap<string, number> = c.accountIndex
  if (positions.after.length > 0) {
    const cut = asOf!
    const present = new Map<string, number>()
    for (let a = 0; a < c.accountIds.length; a++) if (a < c.headerAccounts || c.firstTime[a]! <= cut) present.set(c.accountIds[a]!, a)
    if (present.size < c.accountIds.length) accountIndex = present
  }

  const at = (pos: number): Transfer => c.transfer(order[pos]!)
  const after = positions.after
  return {
    source, accountIds: c.accountIds, accountIndex, accountMeta, kind, ownerVictim, openingBalance, victimIds,
    transfers: lazyArray(n, at), from, to, time, amount, amountsExact, pending, fraudOf,
    afterAsOf: lazyArray(after.length, (k) => c.transfer(after[k]!)), asOf, transferAt: at,
    transferIdAt: (pos) => c.ids.get(order[pos]!),
  }
}

/**
 * The columns behind a Case made by a parser, a reader or {@link LedgerBuilder.toCase}, if any.
 *
 * @example
 * builderOf(parseCase(json)) // its TransferColumns
 */
export function builderOf(source: Case): TransferColumns | undefined {
  return columnsOf(source)
}
