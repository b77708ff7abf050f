/**
 * Adding transfers and account metadata to a built ledger without sorting it again: the new
 * transfers are sorted among themselves (k log k) and merged into the ledger's (time, id) order
 * (n + k); accounts they name that the ledger does not know are appended to its intern table, so
 * every earlier account index and every position before the first new transfer stay the same.
 *
 * @module ledger/merge
 */
import type { Account, Case, Transfer } from '../case/types.js'
import { accountColumns, type Ledger, victimOrder } from './build.js'
import { compareCodePoints, compareTransfers } from './compare.js'
import { interner, ledgerColumns } from './_columns.js'

/** How a merged ledger finds its transfers in O(1): positions of the first built ledger, or added transfers. */
const composed = new WeakMap<Ledger, { root: Ledger; origin: Int32Array; extra: Transfer[] }>()

/** A merged ledger and what changed in it. */
export interface LedgerMerge {
  readonly ledger: Ledger
  /** The position of the first added transfer in force (`ledger.from.length` when none). */
  readonly firstAdded: number
  /** The first position that names an account whose kind, opening balance or owner changed (`ledger.from.length` when none). */
  readonly firstChangedAccount: number
  /** Accounts new to the intern table, and old accounts whose sweep metadata changed. */
  readonly reopened: readonly number[]
  /** Transfers in force that were added. */
  readonly addedInForce: number
}

/**
 * Merges `added` transfers and `accounts` metadata (replacing an account's by id, or adding it)
 * into `ledger`. The victims stay those of `ledger.source`. Transfer ids are not checked for
 * duplicates here. `recorded`, when given, is the extended case to record as the ledger's
 * source (the old transfers plus `added`; its accounts replace `accounts`).
 *
 * @example
 * const { ledger: next, firstAdded } = mergeLedger(ledger, rows, [])
 */
export function mergeLedger(ledger: Ledger, added: readonly Transfer[], accounts: readonly Account[] = [], recorded?: Case): LedgerMerge {
  const old = ledger.source
  const asOf = ledger.asOf
  let source: Case
  if (recorded !== undefined) {
    source = recorded
    accounts = recorded.accounts
  } else {
    let mergedAccounts: readonly Account[] = old.accounts
    if (accounts.length > 0) {
      const byId = new Map(old.accounts.map((a) => [a.id, a]))
      for (const a of accounts) byId.set(a.id, a)
      mergedAccounts = [...byId.values()]
    }
    source = { ...old, accounts: mergedAccounts, transfers: added.length > 0 ? old.transfers.concat(added) : old.transfers }
  }

  // the intern table: old accounts keep their index, new ones follow
  const accountIds = ledger.accountIds.slice()
  const accountIndex = new Map(ledger.accountIndex)
  const intern = interner(accountIds, accountIndex)
  for (const a of accounts) intern(a.id)

  const inForce: Transfer[] = []
  const after: Transfer[] = []
  for (const t of added) (asOf !== null && t.time > asOf ? after : inForce).push(t)
  inForce.sort(compareTransfers)
  for (const t of inForce) {
    intern(t.from)
    intern(t.to)
  }
  const { fraudVictim } = victimOrder(old)

  const n0 = ledger.from.length
  const k = inForce.length
  const n = n0 + k
  const { from, to, time, amount, pending, fraudOf } = ledgerColumns(n)
  // where each position comes from: a position of the root (built) ledger, or -(index in `extra`) - 1
  const parent = composed.get(ledger)
  const root = parent?.root ?? ledger
  const extra = parent === undefined ? inForce.slice() : parent.extra.concat(inForce)
  const extraBase = parent === undefined ? 0 : parent.extra.length
  const origin = new Int32Array(n)
  let amountsExact = ledger.amountsExact
  let firstAdded = n
  // the old columns as locals: the loop below must not look them up on the ledger object each time
  const oldFrom = ledger.from, oldTo = ledger.to, oldTime = ledger.time, oldAmount = ledger.amount
  const oldPending = ledger.pending, oldFraudOf = ledger.fraudOf
  const parentOrigin = parent?.origin
  let i = 0
  let j = 0
  for (let p = 0; p < n; p++) {
    let takeOld: boolean
    if (j >= k) takeOld = true
    else if (i >= n0) takeOld = false
    else {
      const t = inForce[j]!
      const ti = oldTime[i]!
      takeOld = ti < t.time || (ti === t.time && compareCodePoints(ledger.transferIdAt(i), t.id) < 0)
    }
    if (takeOld) {
      from[p] = oldFrom[i]!
      to[p] = oldTo[i]!
      time[p] = oldTime[i]!
      amount[p] = oldAmount[i]!
      pending[p] = oldPending[i]!
      fraudOf[p] = oldFraudOf[i]!
      origin[p] = parentOrigin === undefined ? i : parentOrigin[i]!
      i++
    } else {
      const t = inForce[j]!
      if (firstAdded === n) firstAdded = p
      from[p] = accountIndex.get(t.from)!
      to[p] = accountIndex.get(t.to)!
      time[p] = t.time
      const x = Number(t.amount)
      if (x > Number.MAX_SAFE_INTEGER || x < 0) amountsExact = false
      amount[p] = x
      pending[p] = t.status === 'pending' ? 1 : 0
      fraudOf[p] = fraudVictim.get(t.id) ?? -1
      origin[p] = -(extraBase + j) - 1
      j++
    }
  }

  const { victimIds, accountMeta, kind, ownerVictim, openingBalance } = accountColumns(source, accountIds, accountIndex)
  const reopened: number[] = []
  const changed = new Uint8Array(accountIds.length)
  let anyChanged = false
  for (let a = 0; a < accountIds.length; a++) {
    if (a >= ledger.accountIds.length) reopened.push(a)
    else if (kind[a] !== ledger.kind[a] || ownerVictim[a] !== ledger.ownerVictim[a] || openingBalance[a] !== ledger.openingBalance[a]) {
      reopened.push(a)
      changed[a] = 1
      anyChanged = true
    }
  }
  let firstChangedAccount = n
  if (anyChanged) {
    for (let p = 0; p < firstAdded; p++) {
      if (changed[from[p]!] === 1 || changed[to[p]!] === 1) {
        firstChangedAccount = p
        break
      }
    }
  }

  const transferAt = (pos: number): Transfer => {
    const o = origin[pos]!
    return o >= 0 ? root.transferAt(o) : extra[-o - 1]!
  }
  let transfers: Transfer[] | undefined
  let afterAsOf: Transfer[] | undefined
  const oldAfter = ledger.afterAsOf
  const merged: Ledger = {
    source, accountIds, accountIndex, accountMeta, kind, ownerVictim, openingBalance, victimIds,
    get transfers(): Transfer[] {
      if (transfers === undefined) {
        transfers = new Array<Transfer>(n)
        for (let p = 0; p < n; p++) transfers[p] = transferAt(p)
      }
      return transfers
    },
    from, to, time, amount, amountsExact, pending, fraudOf,
    get afterAsOf(): Transfer[] {
      if (afterAsOf === undefined) afterAsOf = after.length === 0 ? Array.from(oldAfter) : [...oldAfter, ...after].sort(compareTransfers)
      return afterAsOf
    },
    asOf,
    transferAt,
    transferIdAt: (pos) => {
      const o = origin[pos]!
      return o >= 0 ? root.transferIdAt(o) : extra[-o - 1]!.id
    },
  }
  composed.set(merged, { root, origin, extra })
  return { ledger: merged, firstAdded, firstChangedAccount, reopened, addedInForce: k }
}
