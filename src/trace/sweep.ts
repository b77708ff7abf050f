import type { Warning } from '../errors/index.js'
import type { Ledger } from '../ledger/index.js'
import type { Method } from '../report/types.js'
import { exactSweep } from './_sweep-exact.js'
import { fastSweep } from './_sweep-resumable.js'
import type { Lot } from './lot.js'

/** What reached the involved accounts, per origin (victim index), gathered during the sweep. */
export interface ArrivalLog {
  /** The accounts victim money reached, in the order it first did. */
  readonly accounts: readonly number[]
  /** When victim money first reached `account` (epoch ms). */
  first(account: number): number
  /** When victim money last reached `account` (epoch ms). */
  last(account: number): number
  /**
   * Calls `visit` for each origin whose money reached `account`, in ascending origin order, with
   * the fewest hops it took and the amount it brought in all.
   */
  forEachOrigin(account: number, visit: (origin: number, level: number, received: bigint) => void): void
}

/** Where a pool adds up what it holds: an amount per origin (victim index). */
export interface OriginTally {
  add(origin: number, amount: bigint): void
}

/** What is left in an account's pool at the end: spendable victim lots (age order) and pending lots. */
export interface HeldPool {
  victimLots(): Lot[]
  readonly pending: readonly Lot[]
  /**
   * What {@link victimLots} holds, summed without making lot objects: adds it per origin to
   * `held`, and returns the part in lots a victim's own transfer brought (depth 1) per delivering
   * transfer, if any. Pools that lack it are summed from `victimLots()`.
   */
  tally?(held: OriginTally): Map<number, bigint> | undefined
}

/** Flow records in ledger order: one per (transfer, piece of victim money it carried). */
export interface FlowLog {
  readonly length: number
  pos(i: number): number
  origin(i: number): number
  amount(i: number): bigint
}

/**
 * The work one sweep did, counted as it ran (cheap: a few additions per withdrawal). What the
 * cost of DESIGN.md §3 is proportional to: transfers plus (withdrawal × origin present in the pool).
 */
export interface TraceWork {
  /** Withdrawals from a pool (transfers sent from an account holding victim money). */
  withdrawals: number
  /**
   * Origins the withdrawals visited: under `pro_rata` the origins present in the pool at each
   * withdrawal (victims with a share, plus `other` when the pool holds any), each given its share;
   * under the other methods the lots taken (one per piece).
   */
  originsVisited: number
  /** Pieces the withdrawals took (a lot, or part of one, or other money). */
  pieces: number
  /** Lots of victim money the sweep put into pools (pending ones included). */
  lots: number
}

/** A fresh, zero {@link TraceWork}. */
export function noWork(): TraceWork {
  return { withdrawals: 0, originsVisited: 0, pieces: 0, lots: 0 }
}

/** The raw state the sweep leaves: pools, per-victim tallies, arrivals and flows. */
export interface SweepState {
  readonly pools: { get(account: number): HeldPool | undefined }
  readonly arrivals: ArrivalLog
  readonly exited: bigint[]
  readonly returned: bigint[]
  readonly beyond: bigint[]
  readonly loss: bigint[]
  readonly flows: FlowLog
  readonly warnings: Warning[]
  /** Transfers of no victim money touching an account, counted per account index. */
  readonly plainTouches: Int32Array
  readonly firstPlainTouch: Int32Array
  /** What the sweep did (see {@link TraceWork}). */
  readonly work?: TraceWork
}

/**
 * The one time-ordered sweep over a ledger. Money of no victim costs O(1) per transfer (a
 * balance per account); pool work happens only where victim money is, and grows with the lots
 * a transfer actually moves. No recursion, no re-scan per victim.
 *
 * Two implementations give the same state: when all the money the case can hold — opening
 * balances plus every amount in force — fits in 2^53 - 1 minor units (any real case: 90 trillion
 * CNY), the sweep runs on numbers and keeps its lots in typed arrays; otherwise it runs on
 * `bigint` lot objects. Both are exact. `numbers` is {@link fitsInNumbers} of the ledger (pass it
 * when sweeping one ledger several times).
 *
 * @example
 * const state = sweep(buildLedger(caseFile), 'fifo', null)
 */
export function sweep(ledger: Ledger, method: Method, maxLevel: number | null, numbers: boolean = fitsInNumbers(ledger)): SweepState {
  return numbers ? fastSweep(ledger, method, maxLevel) : exactSweep(ledger, method, maxLevel)
}

/**
 * Whether every sum the sweep can form is a safe integer: each transfer adds at most its amount
 * to the money in the case (a shortfall or a victim's overdraft is money not in the records), so
 * no pool, balance or tally ever exceeds the opening balances plus all amounts.
 */
export function fitsInNumbers(ledger: Ledger): boolean {
  if (!ledger.amountsExact) return false
  let total = 0n
  for (const b of ledger.openingBalance) if (b > 0n) total += b
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) return false
  let sum = Number(total)
  const amount = ledger.amount
  for (let i = 0; i < amount.length; i++) sum += amount[i]!
  return sum <= Number.MAX_SAFE_INTEGER
}
