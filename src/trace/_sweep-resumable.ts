/**
 * The numbers sweep of `_sweep-fast.ts`, resumable: it can copy its whole state at chosen ledger
 * positions (snapshots) and continue from such a copy over a ledger whose transfers before that
 * position are the same. Same pools, same arithmetic, same order of work as `fastSweep`,
 * so the state it leaves is the one a full sweep leaves (the incremental tracer's property test
 * checks this against `trace()`).
 *
 * Only the numbers path is resumable; a case that needs the `bigint` sweep is traced in full.
 *
 * @module trace/_sweep-resumable
 */
import type { Warning } from '../errors/index.js'
import type { Ledger } from '../ledger/index.js'
import { shortfallMessage } from './_messages.js'
import type { Method } from '../report/types.js'
import {
  ArrivalStore, FifoPool, LifoPool, LotArena, OriginSums, Pieces, PoolView, ProRataPool, ShareStore, SplitScratch, VictimLastPool,
  type FastPool,
} from './_sweep-fast.js'
import { OTHER } from './lot.js'
import { noWork, type FlowLog, type HeldPool, type SweepState, type TraceWork } from './sweep.js'

const CASH = 3
const EXTERNAL = 4

/** Everything the sweep carries from one transfer to the next. */
export interface FastSweepState {
  /** The next ledger position to sweep. */
  pos: number
  readonly method: Method
  arena: LotArena
  shares: ShareStore
  scratch: SplitScratch
  pieces: Pieces
  warnings: Warning[]
  balance: Float64Array
  /**
   * Per account, its pool's number in `pools`, or -1 (a typed column, not an array of a million
   * mostly empty slots: that was 8 MB of young heap per trace, each scavenge's trigger in part)
   */
  poolIndex: Int32Array
  pools: FastPool[]
  loss: Float64Array
  exited: Float64Array
  returned: Float64Array
  beyond: Float64Array
  plainTouches: Int32Array
  firstPlainTouch: Int32Array
  arrivals: ArrivalStore
  flowPos: Int32Array
  flowOrigin: Int32Array
  flowAmount: Float64Array
  flowCount: number
  /** Work counts so far (additive over a resumed sweep). */
  work: TraceWork
}

/** Whether a snapshot can be resumed over a ledger of this many accounts (its per-account columns have room for them). */
export function hasRoomFor(snapshot: Snapshot, accountCount: number): boolean {
  return accountCount <= snapshot.state.balance.length
}

/** A state saved before sweeping position `pos`. Never mutated: resuming works on a copy. */
export interface Snapshot {
  readonly pos: number
  readonly state: FastSweepState
  /**
   * Accounts no transfer before `pos` names whose metadata changed after the snapshot was taken:
   * resuming reads their opening balance from the ledger it resumes over, not from the state.
   */
  readonly reopen?: readonly number[]
}

/** How the resumable sweep should run. */
export interface ResumeOptions {
  /** Continue from a copy of this snapshot (its position's earlier transfers must be unchanged). */
  readonly from?: Snapshot
  /** Take a snapshot before every position that is a multiple of this (0 = none). */
  readonly every?: number
  /** Accounts whose opening balance to (re)read from the ledger on resume: accounts new since the snapshot, or whose metadata changed and that have no transfer before it. */
  readonly reopen?: readonly number[]
  /**
   * Whether the states can be resumed over a ledger with more accounts (default `true`); `false`
   * sizes the per-account columns to this ledger's accounts (a one-off sweep).
   */
  readonly resumable?: boolean
}

/** What a resumable sweep leaves: the usual state, the snapshots it took and the final state (position n). */
export interface ResumableSweep {
  readonly state: SweepState
  readonly snapshots: Snapshot[]
  readonly final: Snapshot
}

/** `ArrivalStore` as constructed by the numbers sweep (its second argument, when it takes one, is the victim count). */
const Arrivals_ = ArrivalStore as unknown as new (accountCount: number, victimCount: number) => ArrivalStore

function initialState(ledger: Ledger, method: Method, roomForNewAccounts: boolean): FastSweepState {
  // a resumable state's per-account columns get room for accounts a later extension adds (new accounts are appended)
  const accountCount = roomForNewAccounts ? ledger.accountIds.length * 2 + 1024 : ledger.accountIds.length
  const victimCount = ledger.victimIds.length
  const n = ledger.from.length
  const balance = new Float64Array(accountCount)
  for (let i = 0; i < ledger.accountIds.length; i++) balance[i] = Number(ledger.openingBalance[i]!)
  const flowCapacity = Math.max(1024, n >>> 4)
  return {
    pos: 0,
    method,
    arena: new LotArena(Math.max(1024, n >>> 3)),
    shares: new ShareStore(),
    scratch: new SplitScratch(),
    pieces: new Pieces(),
    warnings: [],
    balance,
    poolIndex: new Int32Array(accountCount).fill(-1),
    pools: [],
    loss: new Float64Array(victimCount),
    exited: new Float64Array(victimCount),
    returned: new Float64Array(victimCount),
    beyond: new Float64Array(victimCount),
    plainTouches: new Int32Array(accountCount),
    firstPlainTouch: new Int32Array(accountCount).fill(-1),
    arrivals: new Arrivals_(accountCount, victimCount),
    flowPos: new Int32Array(flowCapacity),
    flowOrigin: new Int32Array(flowCapacity),
    flowAmount: new Float64Array(flowCapacity),
    flowCount: 0,
    work: noWork(),
  }
}

/** A generic deep copy that keeps prototypes and shared references (memo), copying typed arrays. */
function deepCopy<T>(value: T, memo: Map<object, unknown>): T {
  if (value === null || typeof value !== 'object') return value
  const known = memo.get(value as object)
  if (known !== undefined) return known as T
  if (ArrayBuffer.isView(value)) {
    const copy = (value as unknown as Float64Array).slice()
    memo.set(value as object, copy)
    return copy as unknown as T
  }
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array(value.length)
    memo.set(value, copy)
    for (let i = 0; i < value.length; i++) {
      const x = value[i]
      copy[i] = x === null || typeof x !== 'object' ? x : deepCopy(x, memo)
    }
    return copy as T
  }
  const copy = Object.create(Object.getPrototypeOf(value)) as Record<string, unknown>
  memo.set(value as object, copy)
  for (const key of Object.keys(value as object)) copy[key] = deepCopy((value as Record<string, unknown>)[key], memo)
  return copy as T
}

/** The lot arena, copied up to its size (not its capacity). */
function copyArena(arena: LotArena): LotArena {
  const copy = Object.create(LotArena.prototype) as LotArena
  const size = arena.size
  const capacity = Math.max(1024, size)
  const buffer = new ArrayBuffer(capacity * 28)
  copy.amount = new Float64Array(buffer, 0, capacity)
  const ints = (k: number) => new Int32Array(buffer, capacity * (8 + 4 * k), capacity)
  copy.origin = ints(0)
  copy.via = ints(1)
  copy.parent = ints(2)
  copy.depth = ints(3)
  copy.next = ints(4)
  copy.amount.set(arena.amount.subarray(0, size))
  copy.origin.set(arena.origin.subarray(0, size))
  copy.via.set(arena.via.subarray(0, size))
  copy.parent.set(arena.parent.subarray(0, size))
  copy.depth.set(arena.depth.subarray(0, size))
  copy.next.set(arena.next.subarray(0, size))
  copy.size = size
  return copy
}

function prefix<A extends Int32Array | Float64Array>(a: A, count: number, make: (n: number) => A): A {
  const b = make(Math.max(1024, count))
  b.set(a.subarray(0, count))
  return b
}

/** A deep copy of a sweep state, independent of the original (warnings are immutable and shared). */
export function copyState(s: FastSweepState): FastSweepState {
  const memo = new Map<object, unknown>()
  const arena = copyArena(s.arena)
  const scratch = new SplitScratch()
  const pieces = new Pieces()
  memo.set(s.arena, arena)
  memo.set(s.scratch, scratch)
  memo.set(s.pieces, pieces)
  const shares = deepCopy(s.shares, memo)
  const pools = s.pools.map((pool) => deepCopy(pool, memo))
  return {
    pos: s.pos,
    method: s.method,
    arena, shares, scratch, pieces,
    warnings: s.warnings.slice(),
    balance: s.balance.slice(),
    poolIndex: s.poolIndex.slice(),
    pools,
    loss: s.loss.slice(), exited: s.exited.slice(), returned: s.returned.slice(), beyond: s.beyond.slice(),
    plainTouches: s.plainTouches.slice(),
    firstPlainTouch: s.firstPlainTouch.slice(),
    arrivals: deepCopy(s.arrivals, memo),
    flowPos: prefix(s.flowPos, s.flowCount, (n) => new Int32Array(n)),
    flowOrigin: prefix(s.flowOrigin, s.flowCount, (n) => new Int32Array(n)),
    flowAmount: prefix(s.flowAmount, s.flowCount, (n) => new Float64Array(n)),
    flowCount: s.flowCount,
    work: { ...s.work },
  }
}

/**
 * The sweep of DESIGN.md §3 on numbers, from position 0 or from a snapshot, taking snapshots on
 * the way. Only for ledgers where opening balances plus all amounts stay within 2^53 - 1.
 *
 * @example
 * const { state, snapshots, final } = resumableSweep(ledger, 'fifo', null, { every: 65536 })
 */
export function resumableSweep(ledger: Ledger, method: Method, maxLevel: number | null, options: ResumeOptions = {}): ResumableSweep {
  const accountCount = ledger.accountIds.length
  let s: FastSweepState
  if (options.from !== undefined) {
    if (options.from.state.method !== method) throw new Error('snapshot of another method')
    if (accountCount > options.from.state.balance.length) throw new Error('snapshot has no room for the accounts of this ledger')
    s = copyState(options.from.state)
    for (const account of [...(options.from.reopen ?? []), ...(options.reopen ?? [])]) {
      if (s.poolIndex[account]! < 0) s.balance[account] = Number(ledger.openingBalance[account]!)
    }
  } else s = initialState(ledger, method, options.resumable ?? true)

  const { from, to, time, pending, fraudOf, kind, ownerVictim } = ledger
  const amounts = ledger.amount
  const limit = maxLevel ?? Number.POSITIVE_INFINITY
  const n = from.length
  const every = options.every ?? 0
  const snapshots: Snapshot[] = []
  const arena = s.arena
  const pieces = s.pieces
  const warnings = s.warnings
  const balance = s.balance
  const { poolIndex, pools } = s
  const { loss, exited, returned, beyond, plainTouches, firstPlainTouch, arrivals, work } = s
  const proRata = method === 'pro_rata'

  const newPool = (): FastPool => {
    switch (method) {
      case 'fifo': return new FifoPool(arena)
      case 'lifo': return new LifoPool(arena)
      case 'victim_last': return new VictimLastPool(arena)
      case 'pro_rata': return new ProRataPool(arena, s.shares, s.scratch)
    }
  }
  const poolOf = (account: number): FastPool => {
    const k = poolIndex[account]!
    let pool: FastPool
    if (k >= 0) pool = pools[k]!
    else {
      poolIndex[account] = pools.length
      pools.push((pool = newPool()))
      const opening = balance[account]!
      if (opening > 0) pool.depositOther(opening)
      balance[account] = 0
    }
    return pool
  }
  const depositOther = (account: number, amount: number): void => {
    const k = poolIndex[account]!
    if (k >= 0) pools[k]!.depositOther(amount)
    else balance[account]! += amount
  }
  const recordFlow = (pos: number, origin: number, amount: number): void => {
    const i = s.flowCount++
    if (i === s.flowPos.length) {
      const capacity = i * 4
      const p = new Int32Array(capacity)
      const o = new Int32Array(capacity)
      const a = new Float64Array(capacity)
      p.set(s.flowPos)
      o.set(s.flowOrigin)
      a.set(s.flowAmount)
      s.flowPos = p
      s.flowOrigin = o
      s.flowAmount = a
    }
    s.flowPos[i] = pos
    s.flowOrigin[i] = origin
    s.flowAmount[i] = amount
  }

  let nextSnapshot = every > 0 ? (Math.floor(s.pos / every) + 1) * every : Number.POSITIVE_INFINITY
  for (let pos = s.pos; pos < n; pos++) {
    if (pos === nextSnapshot) {
      s.pos = pos
      snapshots.push({ pos, state: copyState(s) })
      nextSnapshot += every
    }
    const sender = from[pos]!
    const receiver = to[pos]!
    const victim = fraudOf[pos]!
    const amount = amounts[pos]!
    const isPending = pending[pos] === 1
    const senderPoolIndex = poolIndex[sender]!

    pieces.n = 0
    let shortfall = 0
    if (victim >= 0) {
      loss[victim]! += amount
      const b = balance[sender]!
      balance[sender] = b > amount ? b - amount : 0
      pieces.push(-1, victim, amount)
    } else if (senderPoolIndex < 0) {
      const b = balance[sender]!
      balance[sender] = b > amount ? b - amount : 0
      if (!isPending) {
        const receiverPoolIndex = poolIndex[receiver]!
        if (receiverPoolIndex >= 0) pools[receiverPoolIndex]!.depositOther(amount)
        else balance[receiver]! += amount
      }
      if (plainTouches[sender]!++ === 0) firstPlainTouch[sender] = pos
      if (plainTouches[receiver]!++ === 0) firstPlainTouch[receiver] = pos
      continue
    } else {
      const senderPool = pools[senderPoolIndex]!
      work.withdrawals++
      if (proRata) work.originsVisited += (senderPool as ProRataPool).originsPresent()
      shortfall = amount - senderPool.withdraw(amount, pieces)
      work.pieces += pieces.n
      if (!proRata) work.originsVisited += pieces.n
      if (shortfall > 0) {
        const id = ledger.transferIdAt(pos)
        warnings.push({
          code: 'shortfall',
          message: shortfallMessage(ledger, sender, id, BigInt(shortfall)),
          path: ['transfers', id],
        })
      }
    }

    const at = time[pos]!
    let carriedVictimMoney = false
    const count = pieces.n
    for (let i = 0; i < count; i++) {
      const origin = pieces.origin[i]!
      const part = pieces.amount[i]!
      if (origin === OTHER) {
        if (!isPending) depositOther(receiver, part)
        continue
      }
      const source = pieces.lot[i]!
      const depth = (source >= 0 ? arena.depth[source]! : 0) + 1
      if (depth > limit) {
        beyond[origin]! += part
        continue
      }
      carriedVictimMoney = true
      recordFlow(pos, origin, part)
      const owner = ownerVictim[receiver]!
      if (owner >= 0) {
        returned[origin]! += part
        if (owner !== origin) {
          const id = ledger.transferIdAt(pos)
          warnings.push({
            code: 'returned_to_other_victim',
            message: `${id} moved ${ledger.victimIds[origin]}'s money into ${ledger.victimIds[owner]}'s account ${ledger.accountIds[receiver]}; counted as returned`,
            path: ['transfers', id],
          })
        }
        continue
      }
      arrivals.arrive(receiver, origin, part, depth, at)
      const k = kind[receiver]!
      if (!isPending && (k === CASH || k === EXTERNAL)) {
        exited[origin]! += part
        continue
      }
      const pool = poolOf(receiver)
      const lot = arena.add(origin, part, pos, source, depth)
      work.lots++
      if (isPending) (pool.pending ??= []).push(lot)
      else {
        pool.deposit(lot)
        if (depth === 1) pool.tookDirect = true
      }
    }
    if (shortfall > 0 && !isPending) depositOther(receiver, shortfall)
    if (!carriedVictimMoney) {
      if (plainTouches[sender]!++ === 0) firstPlainTouch[sender] = pos
      if (plainTouches[receiver]!++ === 0) firstPlainTouch[receiver] = pos
    }
  }
  s.pos = n
  return { state: finish(s, accountCount), snapshots, final: { pos: n, state: s } }
}

/** The {@link SweepState} view of a finished state (read only; the state is not changed afterwards). */
function finish(s: FastSweepState, accountCount: number): SweepState {
  const { arrivals, arena, poolIndex, pools } = s
  const sums = new OriginSums(s.loss.length)
  const { flowPos, flowOrigin, flowAmount } = s
  const flows: FlowLog = {
    length: s.flowCount,
    pos: (i) => flowPos[i]!,
    origin: (i) => flowOrigin[i]!,
    amount: (i) => BigInt(flowAmount[i]!),
  }
  const bigints = (xs: Float64Array): bigint[] => Array.from(xs, (x) => BigInt(x))
  return {
    pools: {
      get(account: number): HeldPool | undefined {
        const k = poolIndex[account]!
        return k >= 0 ? new PoolView(arena, pools[k]!, sums) : undefined
      },
    },
    arrivals,
    exited: bigints(s.exited), returned: bigints(s.returned), beyond: bigints(s.beyond), loss: bigints(s.loss),
    flows, warnings: s.warnings.slice(),
    plainTouches: s.plainTouches.subarray(0, accountCount), firstPlainTouch: s.firstPlainTouch.subarray(0, accountCount),
    work: { ...s.work },
  }
}

/**
 * The numbers sweep from the start, with no snapshot: what `trace` runs when every sum fits in
 * 2^53 - 1 minor units. One loop serves both this and the incremental tracer.
 *
 * @example
 * const state = fastSweep(buildLedger(caseFile), 'fifo', null)
 */
export function fastSweep(ledger: Ledger, method: Method, maxLevel: number | null): SweepState {
  return resumableSweep(ledger, method, maxLevel, { resumable: false }).state
}
