/**
 * The sweep on `bigint` lot objects: exact for any amounts. Used when the money in a case can
 * pass 2^53 - 1 minor units (see `sweep`); {@link fastSweep} does the same on numbers.
 *
 * @module trace/_sweep-exact
 */
import type { Ledger } from '../ledger/index.js'
import { shortfallMessage } from './_messages.js'
import type { Method } from '../report/types.js'
import { OTHER, type Lot, type Piece } from './lot.js'
import { createPool, type Pool } from './pools.js'
import { noWork, type ArrivalLog, type FlowLog, type SweepState } from './sweep.js'

const CASH = 3
const EXTERNAL = 4

/**
 * The sweep of DESIGN.md §3 with `bigint` amounts throughout.
 *
 * @example
 * const state = exactSweep(buildLedger(caseFile), 'fifo', null)
 */
export function exactSweep(ledger: Ledger, method: Method, maxLevel: number | null): SweepState {
  const accountCount = ledger.accountIds.length
  const victimCount = ledger.victimIds.length
  const { from, to, time, pending, fraudOf, kind, ownerVictim } = ledger
  const balance = ledger.openingBalance.slice()
  const pools = new Map<number, Pool>()
  const arrivals = new ArrivalMaps()
  const zeros = () => new Array<bigint>(victimCount).fill(0n)
  const flowPos: number[] = []
  const flowOrigin: number[] = []
  const flowAmount: bigint[] = []
  const flows: FlowLog = {
    get length() { return flowPos.length },
    pos: (i) => flowPos[i]!,
    origin: (i) => flowOrigin[i]!,
    amount: (i) => flowAmount[i]!,
  }
  const work = noWork()
  const state: SweepState = {
    pools, arrivals,
    exited: zeros(), returned: zeros(), beyond: zeros(), loss: zeros(),
    flows, warnings: [],
    plainTouches: new Int32Array(accountCount), firstPlainTouch: new Int32Array(accountCount).fill(-1),
    work,
  }
  const limit = maxLevel ?? Number.POSITIVE_INFINITY

  const poolOf = (account: number): Pool => {
    let pool = pools.get(account)
    if (!pool) {
      pool = createPool(method)
      pools.set(account, pool)
      if (balance[account]! > 0n) pool.depositOther(balance[account]!, Number.NEGATIVE_INFINITY, -1)
      balance[account] = 0n
    }
    return pool
  }

  const depositOther = (account: number, amount: bigint, at: number, pos: number): void => {
    const pool = pools.get(account)
    if (pool) pool.depositOther(amount, at, pos)
    else balance[account] = balance[account]! + amount
  }

  const touchPlain = (account: number, pos: number): void => {
    if (state.plainTouches[account]!++ === 0) state.firstPlainTouch[account] = pos
  }

  for (let pos = 0, n = from.length; pos < n; pos++) {
    const transfer = ledger.transferAt(pos)
    const sender = from[pos]!
    const receiver = to[pos]!
    const amount = transfer.amount
    const at = time[pos]!
    const isPending = pending[pos] === 1
    const victim = fraudOf[pos]!

    let pieces: Piece[]
    let shortfall = 0n
    if (victim >= 0) {
      state.loss[victim]! += amount
      const b = balance[sender]!
      balance[sender] = b > amount ? b - amount : 0n
      const root: Lot = { origin: victim, amount, via: -1, parent: null, depth: 0 }
      pieces = [{ source: root, amount }]
    } else {
      const senderPool = pools.get(sender)
      if (senderPool === undefined) {
        const b = balance[sender]!
        balance[sender] = b > amount ? b - amount : 0n
        if (!isPending) depositOther(receiver, amount, at, pos)
        touchPlain(sender, pos)
        touchPlain(receiver, pos)
        continue
      }
      work.withdrawals++
      const present = senderPool.originsPresent?.()
      pieces = senderPool.withdraw(amount)
      work.pieces += pieces.length
      work.originsVisited += present ?? pieces.length
      let taken = 0n
      for (const piece of pieces) taken += piece.amount
      shortfall = amount - taken
      if (shortfall > 0n) {
        state.warnings.push({
          code: 'shortfall',
          message: shortfallMessage(ledger, sender, transfer.id, BigInt(shortfall)),
          path: ['transfers', transfer.id],
        })
      }
    }

    let carriedVictimMoney = false
    for (const piece of pieces) {
      const origin = piece.source.origin
      if (origin === OTHER) {
        if (!isPending) depositOther(receiver, piece.amount, at, pos)
        continue
      }
      const depth = piece.source.depth + 1
      if (depth > limit) {
        state.beyond[origin]! += piece.amount
        continue
      }
      carriedVictimMoney = true
      flowPos.push(pos)
      flowOrigin.push(origin)
      flowAmount.push(piece.amount)
      const owner = ownerVictim[receiver]!
      if (owner >= 0) {
        state.returned[origin]! += piece.amount
        if (owner !== origin) {
          state.warnings.push({
            code: 'returned_to_other_victim',
            message: `${transfer.id} moved ${ledger.victimIds[origin]}'s money into ${ledger.victimIds[owner]}'s account ${ledger.accountIds[receiver]}; counted as returned`,
            path: ['transfers', transfer.id],
          })
        }
        continue
      }
      arrivals.arrive(receiver, origin, piece.amount, depth, at)
      const k = kind[receiver]!
      if (!isPending && (k === CASH || k === EXTERNAL)) {
        state.exited[origin]! += piece.amount
        continue
      }
      const lot: Lot = { origin, amount: piece.amount, via: pos, parent: piece.source, depth }
      work.lots++
      const pool = poolOf(receiver)
      if (isPending) pool.pending.push(lot)
      else pool.deposit(lot)
    }
    if (shortfall > 0n && !isPending) depositOther(receiver, shortfall, at, pos)
    if (!carriedVictimMoney) {
      touchPlain(sender, pos)
      touchPlain(receiver, pos)
    }
  }
  return state
}

/** What reached one account, per origin. */
interface AccountArrivals {
  readonly levels: Map<number, number>
  readonly received: Map<number, bigint>
  readonly first: number
  last: number
}

/** The {@link ArrivalLog} of the `bigint` sweep: a map per account. */
class ArrivalMaps implements ArrivalLog {
  readonly accounts: number[] = []
  private readonly byAccount = new Map<number, AccountArrivals>()

  arrive(account: number, origin: number, amount: bigint, depth: number, at: number): void {
    let a = this.byAccount.get(account)
    if (!a) {
      this.byAccount.set(account, (a = { levels: new Map(), received: new Map(), first: at, last: at }))
      this.accounts.push(account)
    }
    const level = a.levels.get(origin)
    if (level === undefined || depth < level) a.levels.set(origin, depth)
    a.received.set(origin, (a.received.get(origin) ?? 0n) + amount)
    a.last = at
  }

  first(account: number): number {
    return this.byAccount.get(account)!.first
  }

  last(account: number): number {
    return this.byAccount.get(account)!.last
  }

  forEachOrigin(account: number, visit: (origin: number, level: number, received: bigint) => void): void {
    const a = this.byAccount.get(account)!
    const origins = [...a.levels.keys()].sort((x, y) => x - y)
    for (const origin of origins) visit(origin, a.levels.get(origin)!, a.received.get(origin)!)
  }
}
