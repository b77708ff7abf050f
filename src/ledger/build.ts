import type { Account, AccountKind, Case, Transfer } from '../case/types.js'
import { afterPositions, keptPositions, type LedgerScope } from './_positions.js'
import { permuteColumns, sortByTimeThenId } from './_sort.js'
import { columnsOf } from '../case/columns.js'
import { ledgerOfColumns } from './builder.js'
import { compareCodePoints } from './compare.js'
import { interner } from './_columns.js'

/** Account kinds as small integers for the typed arrays of the sweep. */
export const KIND_CODES: Readonly<Record<AccountKind, number>> = Object.freeze({
  bank: 0,
  payment_platform: 1,
  pos_merchant: 2,
  cash: 3,
  external: 4,
})
export const KIND_BY_CODE: readonly AccountKind[] = ['bank', 'payment_platform', 'pos_merchant', 'cash', 'external']

/**
 * A case as columns: interned accounts, victims in id order, and the transfers in force at
 * `asOf` sorted once by (time, id). The sweep reads nothing else.
 */
export interface Ledger {
  readonly source: Case
  /** Account id per account index. */
  readonly accountIds: readonly string[]
  readonly accountIndex: ReadonlyMap<string, number>
  /** Metadata per account index (undefined when the account only appears in transfers). */
  readonly accountMeta: readonly (Account | undefined)[]
  readonly kind: Uint8Array
  /** Owning victim index per account, or -1. */
  readonly ownerVictim: Int32Array
  readonly openingBalance: readonly bigint[]
  /** Victim ids in code-point order; a victim's index is its origin number. */
  readonly victimIds: readonly string[]
  /** Transfers in force, in (time, id) order. */
  readonly transfers: readonly Transfer[]
  readonly from: Int32Array
  readonly to: Int32Array
  readonly time: Float64Array
  /**
   * Amounts in minor units as numbers, for the O(1) path of money of no victim. Exact when
   * {@link Ledger.amountsExact} (every parsed amount is, at most 10^15); the pools use the
   * `bigint` of `transfers[i].amount`.
   */
  readonly amount: Float64Array
  /** Every amount in force is at most `Number.MAX_SAFE_INTEGER`, so `amount` is exact. */
  readonly amountsExact: boolean
  readonly pending: Uint8Array
  /** For each transfer in order: the victim index whose fraudulent transfer it is, or -1. */
  readonly fraudOf: Int32Array
  /** Transfers left out because they are after `asOf`. */
  readonly afterAsOf: readonly Transfer[]
  readonly asOf: number | null
  /** `transfers[pos]`, without going through the array (a builder's ledger makes it on demand). */
  transferAt(pos: number): Transfer
  /** `transferAt(pos).id`, without making the transfer. */
  transferIdAt(pos: number): string
}

/** Options of {@link buildLedger}. */
export interface BuildLedgerOptions {
  /** Transfers after this instant (epoch ms) are left out; default: the case's `asOf`. */
  readonly asOf?: number | null
  /** `all` (default) or `reachable`: see {@link LedgerScope}. */
  readonly scope?: LedgerScope
}

/**
 * Builds the columnar ledger of a parsed case: one pass over the transfers into typed columns,
 * then one sort by (time, id code-point order) on those columns (radix on time, ids compared
 * only between equal times), then the columns gathered into that order. With `scope:
 * 'reachable'` (what `trace` uses) only the transfers victim money can touch are sorted and kept.
 *
 * @example
 * const ledger = buildLedger(parseCase(json))
 * ledger.transfers[0] // the earliest transfer
 */
export function buildLedger(source: Case, options: BuildLedgerOptions = {}): Ledger {
  const asOf = options.asOf !== undefined ? options.asOf : (source.asOf ?? null)
  const parsed = columnsOf(source)
  if (parsed !== undefined) return ledgerOfColumns(parsed, asOf, options.scope ?? 'all', source)
  const accountIds: string[] = []
  const accountIndex = new Map<string, number>()
  const intern = interner(accountIds, accountIndex)
  for (const account of source.accounts) intern(account.id)
  for (const victim of source.victims) for (const a of victim.accounts) intern(a)
  const { fraudVictim } = victimOrder(source)

  // one pass in input order: times, accounts, fraud and status columns (no per-transfer objects)
  const input = source.transfers
  const count = input.length
  const inputTime = new Float64Array(count)
  const inputFrom = new Int32Array(count)
  const inputTo = new Int32Array(count)
  const inputAmount = new Float64Array(count)
  const inputFlags = new Int32Array(count)
  const fraud: number[] = []
  for (let i = 0; i < count; i++) {
    const t = input[i]!
    const at = t.time
    inputTime[i] = at
    if (asOf !== null && at > asOf) continue // not interned: only transfers in force name accounts
    inputFrom[i] = intern(t.from)
    inputTo[i] = intern(t.to)
    inputAmount[i] = Number(t.amount)
    const victim = fraudVictim.get(t.id) ?? -1
    if (victim >= 0) fraud.push(i)
    // fraud victim + 1 in the high bits, pending in bit 0
    inputFlags[i] = (victim + 1) * 2 + (t.status === 'pending' ? 1 : 0)
  }
  const idOf = (p: number): string => input[p]!.id
  const columns = { from: inputFrom, to: inputTo, time: inputTime, count, accountCount: accountIds.length, asOf, fraud, idOf }
  const kept = keptPositions(columns, options.scope ?? 'all')
  const afterAsOf = Array.from(afterPositions(columns), (p) => input[p]!)
  // the kept transfers move to the front of the input columns (kept is ascending), then are
  // sorted and permuted in place: no second set of columns, so no external-memory pressure
  // forcing a full collection of the case's (many) objects
  const n = kept === null ? count : kept.length
  if (kept !== null) {
    for (let k = 0; k < n; k++) {
      const i = kept[k]!
      inputTime[k] = inputTime[i]!
      inputFrom[k] = inputFrom[i]!
      inputTo[k] = inputTo[i]!
      inputAmount[k] = inputAmount[i]!
      inputFlags[k] = inputFlags[i]!
    }
  }
  const time = inputTime.subarray(0, n)
  const order = sortByTimeThenId(time, kept === null ? idOf : (k) => input[kept[k]!]!.id)
  const inForce: Transfer[] = new Array(n)
  for (let k = 0; k < n; k++) inForce[k] = input[kept === null ? order[k]! : kept[order[k]!]!]!
  const from = inputFrom.subarray(0, n)
  const to = inputTo.subarray(0, n)
  const amount = inputAmount.subarray(0, n)
  const fraudOf = inputFlags.subarray(0, n)
  permuteColumns(order, time, amount, from, to, fraudOf)
  const pending = new Uint8Array(n)
  let amountsExact = true
  for (let k = 0; k < n; k++) {
    const x = amount[k]!
    if (x > Number.MAX_SAFE_INTEGER || x < 0) amountsExact = false
    const flags = fraudOf[k]!
    pending[k] = flags & 1
    fraudOf[k] = (flags >> 1) - 1
  }

  const { victimIds, accountMeta, kind, ownerVictim, openingBalance } = accountColumns(source, accountIds, accountIndex)

  return {
    source, accountIds, accountIndex, accountMeta, kind, ownerVictim, openingBalance, victimIds,
    transfers: inForce, from, to, time, amount, amountsExact, pending, fraudOf, afterAsOf, asOf,
    transferAt: (pos) => inForce[pos]!,
    transferIdAt: (pos) => inForce[pos]!.id,
  }
}

/**
 * Victims in id order (a victim's index is its origin number) and the victim of each
 * fraudulent transfer id.
 *
 * @example
 * victimOrder(caseFile).victimIds //=> ['V1', 'V2']
 */
export function victimOrder(source: Pick<Case, 'victims'>): { victimIds: string[]; victimIndex: Map<string, number>; fraudVictim: Map<string, number> } {
  const victimIds = source.victims.map((v) => v.id).sort(compareCodePoints)
  const victimIndex = new Map(victimIds.map((id, i) => [id, i]))
  const fraudVictim = new Map<string, number>()
  for (const victim of source.victims) {
    const v = victimIndex.get(victim.id)!
    for (const t of victim.transfers) fraudVictim.set(t, v)
  }
  return { victimIds, victimIndex, fraudVictim }
}

/**
 * Per interned account: metadata, kind code, owning victim and opening balance; plus the
 * victims in id order. Shared by {@link buildLedger} and the {@link LedgerBuilder}.
 *
 * @example
 * accountColumns(caseFile, ['A', 'B'], new Map([['A', 0], ['B', 1]])).kind //=> Uint8Array [0, 0]
 */
export function accountColumns(source: Pick<Case, 'accounts' | 'victims'>, accountIds: readonly string[], accountIndex: ReadonlyMap<string, number>) {
  const { victimIds, victimIndex, fraudVictim } = victimOrder(source)
  const accountCount = accountIds.length
  const kind = new Uint8Array(accountCount)
  const ownerVictim = new Int32Array(accountCount).fill(-1)
  const openingBalance: bigint[] = new Array(accountCount).fill(0n)
  const accountMeta: (Account | undefined)[] = new Array(accountCount).fill(undefined)
  // one lookup per described account, not per account: most accounts of a large ledger have no metadata
  for (const meta of source.accounts) {
    const i = accountIndex.get(meta.id)
    if (i === undefined) continue
    accountMeta[i] = meta
    kind[i] = KIND_CODES[meta.kind]
    openingBalance[i] = meta.openingBalance
  }
  for (const victim of source.victims) {
    const v = victimIndex.get(victim.id)!
    for (const a of victim.accounts) {
      const i = accountIndex.get(a)!
      if (ownerVictim[i] === -1) ownerVictim[i] = v
    }
  }
  return { victimIds, fraudVictim, accountMeta, kind, ownerVictim, openingBalance }
}
