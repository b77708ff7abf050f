/**
 * The parts of the sweep on numbers: lots live in typed arrays (an arena), amounts are doubles
 * holding exact integers; pools per method, arrivals, and read-only views for `assemble`. The loop
 * itself is in `_sweep-resumable.ts` (`fastSweep`), and it leaves exactly the state `exactSweep`
 * leaves (same lots, same order, same amounts).
 *
 * @module trace/_sweep-fast
 */
import type { Warning } from '../errors/index.js'
import type { Ledger } from '../ledger/index.js'
import type { Method } from '../report/types.js'
import { awardRemainders, MUL_DIV_MAX, mulDivFloor, mulDivRemainder } from './_arith.js'
import { OTHER, type Lot } from './lot.js'
import type { ArrivalLog, FlowLog, HeldPool, OriginTally, SweepState } from './sweep.js'

const CASH = 3
const EXTERNAL = 4
/** FIFO queues drop their spent head once it is this long and more than half the queue. */
const COMPACT_AT = 64

function growInt32(a: Int32Array, min: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(min, a.length * 2))
  b.set(a)
  return b
}

function growFloat64(a: Float64Array, min: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(Math.max(min, a.length * 2))
  b.set(a)
  return b
}

/**
 * Every lot of a sweep, as columns: origin (victim index or OTHER), amount left, delivering
 * transfer, parent lot, depth, and the next lot of the queue it sits in (pools keep their lots
 * as linked lists through `next`, so a pool is a few numbers, not an array).
 */
export class LotArena {
  origin!: Int32Array<ArrayBuffer>
  amount!: Float64Array<ArrayBuffer>
  via!: Int32Array<ArrayBuffer>
  parent!: Int32Array<ArrayBuffer>
  depth!: Int32Array<ArrayBuffer>
  next!: Int32Array<ArrayBuffer>
  size = 0

  constructor(capacity: number) {
    this.allocate(capacity)
  }

  /**
   * All six columns in one buffer, grown 4× at a time: few, large allocations, so the engine's
   * external-memory accounting asks for few full collections of the (large) case heap. (It asks
   * for one each time new ArrayBuffer memory passes ~64 MiB since the last one, however large
   * the allocation that passes it: fixed-size chunks or 2× steps make more, not fewer — measured.)
   */
  private allocate(capacity: number): void {
    const buffer = new ArrayBuffer(capacity * 28)
    const amount = new Float64Array(buffer, 0, capacity)
    const ints = (k: number) => new Int32Array(buffer, capacity * (8 + 4 * k), capacity)
    const origin = ints(0), via = ints(1), parent = ints(2), depth = ints(3), next = ints(4)
    if (this.size > 0) {
      const n = this.size
      amount.set(this.amount.subarray(0, n))
      origin.set(this.origin.subarray(0, n))
      via.set(this.via.subarray(0, n))
      parent.set(this.parent.subarray(0, n))
      depth.set(this.depth.subarray(0, n))
      next.set(this.next.subarray(0, n))
    }
    this.amount = amount
    this.origin = origin
    this.via = via
    this.parent = parent
    this.depth = depth
    this.next = next
  }

  add(origin: number, amount: number, via: number, parent: number, depth: number): number {
    const i = this.size
    if (i === this.origin.length) this.allocate(i * 4)
    this.origin[i] = origin
    this.amount[i] = amount
    this.via[i] = via
    this.parent[i] = parent
    this.depth[i] = depth
    this.next[i] = -1
    this.size = i + 1
    return i
  }

  /**
   * Takes up to `need` from the chain of lots starting at `head` (through `next`), whole lots
   * first and the last one in part, appending the pieces to `out`; returns the new head (-1 when
   * the chain is used up). Every pool spends its lots this way.
   */
  take(head: number, need: number, out: Pieces): number {
    const { amount, origin, next } = this
    let lot = head
    while (need > 0 && lot >= 0) {
      const x = amount[lot]!
      if (x <= need) {
        out.push(lot, origin[lot]!, x)
        need -= x
        lot = next[lot]!
      } else {
        out.push(lot, origin[lot]!, need)
        amount[lot] = x - need
        need = 0
      }
    }
    return lot
  }
}

/** The pieces one withdrawal takes, in the order the exact sweep returns them. */
export class Pieces {
  n = 0
  /** Source lot, or -1 for other money kept as a plain amount (and for a victim's own transfer). */
  lot = new Int32Array(256)
  origin = new Int32Array(256)
  amount = new Float64Array(256)

  push(lot: number, origin: number, amount: number): void {
    const i = this.n
    if (i === this.lot.length) {
      this.lot = growInt32(this.lot, i + 1)
      this.origin = growInt32(this.origin, i + 1)
      this.amount = growFloat64(this.amount, i + 1)
    }
    this.lot[i] = lot
    this.origin[i] = origin
    this.amount[i] = amount
    this.n = i + 1
  }
}

/**
 * A pool of one account: its money of all origins, its victim lots (in the arena) and its pending
 * lots. The methods differ in how they deposit and withdraw; what a pool holds is read through
 * {@link eachVictimLot}.
 */
export abstract class FastPool {
  /** Spendable money, all origins. */
  total = 0
  /** Arena indices of lots delivered by pending transfers (held, never spent); made on the first. */
  pending: number[] | undefined = undefined
  /** Whether a lot a victim's own transfer brought (depth 1) was ever deposited: only then can one be held. */
  tookDirect = false

  constructor(protected readonly arena: LotArena) {}

  abstract depositOther(amount: number): void
  abstract deposit(lot: number): void
  /** Appends the pieces paying for `amount` to `out`; returns how much they sum to. */
  abstract withdraw(amount: number, out: Pieces): number
  /** Visits the spendable victim lots, oldest first (lifo: newest first), making no array. */
  abstract eachVictimLot(visit: (lot: number) => void): void

  /** Arena indices of the spendable victim lots, in age order. */
  victimLots(): number[] {
    const out: number[] = []
    this.eachVictimLot((lot) => out.push(lot))
    return out
  }

  /** Adds what the spendable victim lots hold to `sums`, per origin. */
  sumByOrigin(sums: OriginSums): void {
    const { origin, amount } = this.arena
    this.eachVictimLot((lot) => sums.add(origin[lot]!, amount[lot]!))
  }
}

/** fifo: one queue, oldest first (head → tail through `next`); adjacent other lots merged. */
export class FifoPool extends FastPool {
  private head = -1
  private tail = -1

  depositOther(amount: number): void {
    this.total += amount
    const arena = this.arena
    if (this.tail >= 0 && arena.origin[this.tail] === OTHER) arena.amount[this.tail]! += amount
    else this.append(arena.add(OTHER, amount, -1, -1, 0))
  }

  deposit(lot: number): void {
    this.total += this.arena.amount[lot]!
    this.append(lot)
  }

  private append(lot: number): void {
    if (this.tail >= 0) this.arena.next[this.tail] = lot
    else this.head = lot
    this.tail = lot
  }

  withdraw(amount: number, out: Pieces): number {
    const taken = amount < this.total ? amount : this.total
    this.head = this.arena.take(this.head, amount, out)
    if (this.head < 0) this.tail = -1
    this.total -= taken
    return taken
  }

  eachVictimLot(visit: (lot: number) => void): void {
    for (let lot = this.head; lot >= 0; lot = this.arena.next[lot]!) if (this.arena.origin[lot] !== OTHER) visit(lot)
  }
}

/** lifo: one stack, newest on top (top → older through `next`); adjacent other lots merged. */
export class LifoPool extends FastPool {
  private top = -1

  depositOther(amount: number): void {
    this.total += amount
    const arena = this.arena
    if (this.top >= 0 && arena.origin[this.top] === OTHER) arena.amount[this.top]! += amount
    else this.push(arena.add(OTHER, amount, -1, -1, 0))
  }

  deposit(lot: number): void {
    this.total += this.arena.amount[lot]!
    this.push(lot)
  }

  private push(lot: number): void {
    this.arena.next[lot] = this.top
    this.top = lot
  }

  withdraw(amount: number, out: Pieces): number {
    const start = out.n
    const taken = amount < this.total ? amount : this.total
    this.top = this.arena.take(this.top, amount, out)
    // newest first was the order of taking; the pieces keep their age order
    for (let i = start, j = out.n - 1; i < j; i++, j--) {
      const l = out.lot[i]!, o = out.origin[i]!, a = out.amount[i]!
      out.lot[i] = out.lot[j]!
      out.origin[i] = out.origin[j]!
      out.amount[i] = out.amount[j]!
      out.lot[j] = l
      out.origin[j] = o
      out.amount[j] = a
    }
    this.total -= taken
    return taken
  }

  /** Arena indices of the spendable victim lots, in age order (the stack holds them newest first). */
  override victimLots(): number[] {
    return super.victimLots().reverse()
  }

  eachVictimLot(visit: (lot: number) => void): void {
    for (let lot = this.top; lot >= 0; lot = this.arena.next[lot]!) if (this.arena.origin[lot] !== OTHER) visit(lot)
  }
}

/** victim_last: other money first, then victim lots oldest first (a queue through `next`). */
export class VictimLastPool extends FastPool {
  private other = 0
  private head = -1
  private tail = -1

  depositOther(amount: number): void {
    this.total += amount
    this.other += amount
  }

  deposit(lot: number): void {
    this.total += this.arena.amount[lot]!
    if (this.tail >= 0) this.arena.next[this.tail] = lot
    else this.head = lot
    this.tail = lot
  }

  withdraw(amount: number, out: Pieces): number {
    const taken = amount < this.total ? amount : this.total
    let need = amount
    if (this.other > 0) {
      const take = this.other < need ? this.other : need
      out.push(-1, OTHER, take)
      this.other -= take
      need -= take
    }
    this.head = this.arena.take(this.head, need, out)
    if (this.head < 0) this.tail = -1
    this.total -= taken
    return taken
  }

  eachVictimLot(visit: (lot: number) => void): void {
    for (let lot = this.head; lot >= 0; lot = this.arena.next[lot]!) visit(lot)
  }
}

/** Scratch arrays of the pro-rata split, shared by every pool of a sweep. */
export class SplitScratch {
  takes = new Float64Array(64)
  remainders = new Float64Array(64)
  select = new Float64Array(64)

  ensure(n: number): void {
    if (n <= this.takes.length) return
    const size = Math.max(n, this.takes.length * 2)
    this.takes = new Float64Array(size)
    this.remainders = new Float64Array(size)
    this.select = new Float64Array(size)
  }
}

/** Shares of the pro-rata pools (one per pool and origin present), as columns with a free list. */
export class ShareStore {
  origin = new Int32Array(1024)
  total = new Float64Array(1024)
  head = new Int32Array(1024)
  tail = new Int32Array(1024)
  private size = 0
  private free: number[] = []

  add(origin: number): number {
    let s = this.free.pop()
    if (s === undefined) {
      s = this.size++
      if (s === this.origin.length) {
        this.origin = growInt32(this.origin, s + 1)
        this.total = growFloat64(this.total, s + 1)
        this.head = growInt32(this.head, s + 1)
        this.tail = growInt32(this.tail, s + 1)
      }
    }
    this.origin[s] = origin
    this.total[s] = 0
    this.head[s] = -1
    this.tail[s] = -1
    return s
  }

  release(s: number): void {
    this.free.push(s)
  }
}

/** Pools with at most this many shares find an origin's share by a scan, larger ones by bisection. */
const LINEAR_SEARCH_MAX = 8

/**
 * pro_rata: every origin gives up the same fraction, leftover minor units to the largest
 * remainders (ties in origin order, other last); an origin's lots count as one share, spent
 * oldest first. A pool keeps its shares sorted by origin, so no withdrawal sorts anything.
 */
export class ProRataPool extends FastPool {
  private other = 0
  /**
   * Share numbers (in the store), ascending by origin; `count` of them in use. A plain array, not
   * a typed one: thousands of pools grow theirs, and typed arrays' buffers count as external
   * memory, whose growth makes the engine run full collections of the whole (case) heap.
   */
  private shares: number[] = []
  private count = 0

  constructor(arena: LotArena, private readonly store: ShareStore, private readonly scratch: SplitScratch) {
    super(arena)
  }

  depositOther(amount: number): void {
    this.total += amount
    this.other += amount
  }

  deposit(lot: number): void {
    const arena = this.arena
    const store = this.store
    const origin = arena.origin[lot]!
    const amount = arena.amount[lot]!
    this.total += amount
    const lo = this.count <= LINEAR_SEARCH_MAX ? this.scanFor(origin) : this.searchFor(origin)
    let s: number
    if (lo < this.count && store.origin[this.shares[lo]!] === origin) s = this.shares[lo]!
    else {
      s = store.add(origin)
      const shares = this.shares
      // shifted by hand: splice would make an array of the (no) removed elements on every call
      for (let j = this.count; j > lo; j--) shares[j] = shares[j - 1]!
      shares[lo] = s
      this.count++
    }
    store.total[s]! += amount
    const tail = store.tail[s]!
    if (tail >= 0) arena.next[tail] = lot
    else store.head[s] = lot
    store.tail[s] = lot
  }

  /** The position of the first share whose origin is not below `origin`, by a scan (few shares). */
  private scanFor(origin: number): number {
    const shareOrigin = this.store.origin
    let j = 0
    while (j < this.count && shareOrigin[this.shares[j]!]! < origin) j++
    return j
  }

  /** The position of the first share whose origin is not below `origin`, by bisection. */
  private searchFor(origin: number): number {
    const shareOrigin = this.store.origin
    let lo = 0
    let hi = this.count
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (shareOrigin[this.shares[mid]!]! < origin) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** The origins a withdrawal would visit now: the victims with a share, plus other if any. */
  originsPresent(): number {
    return this.total === 0 ? 0 : this.count + (this.other > 0 ? 1 : 0)
  }

  withdraw(amount: number, out: Pieces): number {
    const pool = this.total
    if (pool === 0) return 0
    const k = this.count
    const shares = this.shares
    const shareTotal = this.store.total
    const scratch = this.scratch
    scratch.ensure(k + 1)
    const takes = scratch.takes
    if (amount >= pool) {
      for (let j = 0; j < k; j++) takes[j] = shareTotal[shares[j]!]!
      takes[k] = this.other
    } else if (pool <= MUL_DIV_MAX) {
      const remainders = scratch.remainders
      let given = 0
      for (let j = 0; j <= k; j++) {
        const q = mulDivFloor(amount, j < k ? shareTotal[shares[j]!]! : this.other, pool)
        takes[j] = q
        remainders[j] = mulDivRemainder
        given += q
      }
      awardRemainders(remainders, k + 1, amount - given, takes, scratch.select)
    } else {
      this.splitBig(amount, pool, k, takes)
    }

    let emptied = false
    for (let j = 0; j < k; j++) {
      const take = takes[j]!
      if (take > 0 && this.takeFromShare(shares[j]!, take, out)) emptied = true
    }
    const otherTake = takes[k]!
    if (otherTake > 0) {
      out.push(-1, OTHER, otherTake)
      this.other -= otherTake
    }
    if (emptied) this.dropEmptyShares()
    const taken = amount >= pool ? pool : amount
    this.total -= taken
    return taken
  }

  /** The split with `bigint` products, for pools above 2^50 minor units. */
  private splitBig(amount: number, pool: number, k: number, takes: Float64Array): void {
    const a = BigInt(amount)
    const p = BigInt(pool)
    const remainders: bigint[] = new Array(k + 1)
    let given = 0
    for (let j = 0; j <= k; j++) {
      const scaled = a * BigInt(j < k ? this.store.total[this.shares[j]!]! : this.other)
      const q = Number(scaled / p)
      takes[j] = q
      remainders[j] = scaled % p
      given += q
    }
    let left = amount - given
    if (left > 0) {
      const order = Array.from({ length: k + 1 }, (_, j) => j)
      order.sort((x, y) => (remainders[y]! > remainders[x]! ? 1 : remainders[y]! < remainders[x]! ? -1 : x - y))
      for (let i = 0; left > 0; i++, left--) takes[order[i]!]! += 1
    }
  }

  /** Takes `amount` of share `s`, oldest lots first; returns whether the share is now empty. */
  private takeFromShare(s: number, amount: number, out: Pieces): boolean {
    const store = this.store
    const head = (store.head[s] = this.arena.take(store.head[s]!, amount, out))
    if (head < 0) store.tail[s] = -1
    return (store.total[s] = store.total[s]! - amount) === 0
  }

  private dropEmptyShares(): void {
    const shares = this.shares
    const store = this.store
    let w = 0
    for (let j = 0; j < this.count; j++) {
      const s = shares[j]!
      if (store.total[s] === 0) store.release(s)
      else shares[w++] = s
    }
    shares.length = w
    this.count = w
  }

  eachVictimLot(visit: (lot: number) => void): void {
    for (let j = 0; j < this.count; j++) {
      for (let lot = this.store.head[this.shares[j]!]!; lot >= 0; lot = this.arena.next[lot]!) visit(lot)
    }
  }
  /** The shares' totals: no lot is visited. */
  override sumByOrigin(sums: OriginSums): void {
    const store = this.store
    for (let j = 0; j < this.count; j++) sums.add(store.origin[this.shares[j]!]!, store.total[this.shares[j]!]!)
  }
}

/** An account gets a direct origin → slot array once this many victims' money reached it… */
const DENSE_AFTER = 32
/** …while all such arrays together stay within this many bytes. */
const DENSE_ARRIVAL_BYTES = 256 * 2 ** 20

/**
 * What reached each account, per origin: slots (level, amount received) found through one open
 * hash on (account, origin), listed per account in the order they were made.
 */
export class ArrivalStore implements ArrivalLog {
  accounts: number[] = []
  private firstAt: Float64Array
  private lastAt: Float64Array
  private firstSlot: Int32Array
  private lastSlot: Int32Array
  level = new Int32Array(1024)
  received = new Float64Array(1024)
  private slotAccount = new Int32Array(1024)
  private slotOrigin = new Int32Array(1024)
  private slotNext = new Int32Array(1024)
  private size = 0
  private table = new Int32Array(2048)
  /**
   * Accounts reached by many victims get a direct origin → slot array instead of the hash (plain
   * arrays: thousands of them as typed arrays were hundreds of MiB of external memory, each 64 MiB
   * of which made the engine run a full collection).
   */
  private dense: (number[] | undefined)[] | undefined
  private readonly slotsPerAccount: Int32Array
  private denseBudget: number
  /** Scratch for {@link slotsByOrigin}: room for one slot per origin. */
  private readonly sorted: Int32Array

  constructor(accountCount: number, private readonly victimCount: number) {
    this.firstAt = new Float64Array(accountCount)
    this.lastAt = new Float64Array(accountCount)
    this.firstSlot = new Int32Array(accountCount).fill(-1)
    this.lastSlot = new Int32Array(accountCount).fill(-1)
    this.dense = undefined // made with the first such account: most cases have none
    this.slotsPerAccount = new Int32Array(accountCount)
    this.denseBudget = DENSE_ARRIVAL_BYTES
    this.sorted = new Int32Array(Math.max(1, victimCount))
  }

  arrive(account: number, origin: number, amount: number, depth: number, at: number): void {
    const dense = this.dense?.[account]
    if (dense !== undefined) {
      const slot = dense[origin]!
      if (slot >= 0) {
        if (depth < this.level[slot]!) this.level[slot] = depth
        this.received[slot]! += amount
        this.lastAt[account] = at
      } else dense[origin] = this.newSlot(account, origin, amount, depth, at)
      return
    }
    const mask = this.table.length - 1
    let h = (Math.imul(account, 0x9e3779b1) ^ Math.imul(origin + 1, 0x85ebca77)) & mask
    for (let k = this.table[h]!; k !== 0; h = (h + 1) & mask, k = this.table[h]!) {
      const slot = k - 1
      if (this.slotAccount[slot] === account && this.slotOrigin[slot] === origin) {
        if (depth < this.level[slot]!) this.level[slot] = depth
        this.received[slot]! += amount
        this.lastAt[account] = at
        return
      }
    }
    this.table[h] = this.newSlot(account, origin, amount, depth, at) + 1
    if (this.size * 2 > this.table.length) this.rehash()
    if (++this.slotsPerAccount[account]! === DENSE_AFTER && this.victimCount * 4 <= this.denseBudget) {
      const direct = new Array<number>(this.victimCount).fill(-1)
      this.slotsOf(account, (o, s) => (direct[o] = s))
      ;(this.dense ??= new Array(this.firstAt.length))[account] = direct
      this.denseBudget -= this.victimCount * 4
    }
  }

  private newSlot(account: number, origin: number, amount: number, depth: number, at: number): number {
    const slot = this.size++
    if (slot === this.level.length) {
      this.level = growInt32(this.level, slot + 1)
      this.received = growFloat64(this.received, slot + 1)
      this.slotAccount = growInt32(this.slotAccount, slot + 1)
      this.slotOrigin = growInt32(this.slotOrigin, slot + 1)
      this.slotNext = growInt32(this.slotNext, slot + 1)
    }
    this.level[slot] = depth
    this.received[slot] = amount
    this.slotAccount[slot] = account
    this.slotOrigin[slot] = origin
    this.slotNext[slot] = -1
    if (this.lastSlot[account]! < 0) {
      this.accounts.push(account)
      this.firstAt[account] = at
      this.firstSlot[account] = slot
    } else this.slotNext[this.lastSlot[account]!] = slot
    this.lastSlot[account] = slot
    this.lastAt[account] = at
    return slot
  }

  first(account: number): number {
    return this.firstAt[account]!
  }

  last(account: number): number {
    return this.lastAt[account]!
  }

  forEachOrigin(account: number, visit: (origin: number, level: number, received: bigint) => void): void {
    const dense = this.dense?.[account]
    if (dense !== undefined) {
      for (let origin = 0; origin < dense.length; origin++) {
        const slot = dense[origin]!
        if (slot >= 0) visit(origin, this.level[slot]!, BigInt(this.received[slot]!))
      }
      return
    }
    const count = this.slotsByOrigin(account)
    const slots = this.sorted
    for (let i = 0; i < count; i++) {
      const slot = slots[i]!
      visit(this.slotOrigin[slot]!, this.level[slot]!, BigInt(this.received[slot]!))
    }
  }

  /**
   * Puts the slots of an account (one that has no direct array) in `sorted`, ascending by origin;
   * returns how many (at most one per origin, so `sorted` has room for them all).
   */
  private slotsByOrigin(account: number): number {
    const slots = this.sorted
    const origin = this.slotOrigin
    let n = 0
    for (let slot = this.firstSlot[account]!; slot >= 0; slot = this.slotNext[slot]!) {
      let j = n++
      if (j >= DENSE_AFTER) {
        slots[j] = slot // sorted below
        continue
      }
      for (const o = origin[slot]!; j > 0 && origin[slots[j - 1]!]! > o; j--) slots[j] = slots[j - 1]!
      slots[j] = slot
    }
    if (n > DENSE_AFTER) slots.set(Array.from(slots.subarray(0, n)).sort((a, b) => origin[a]! - origin[b]!))
    return n
  }

  /** Each origin's slot of an account, in the order they were made. */
  slotsOf(account: number, visit: (origin: number, slot: number) => void): void {
    for (let slot = this.firstSlot[account]!; slot >= 0; slot = this.slotNext[slot]!) visit(this.slotOrigin[slot]!, slot)
  }

  private rehash(): void {
    const size = this.table.length * 2
    const table = new Int32Array(size)
    const mask = size - 1
    for (let slot = 0; slot < this.size; slot++) {
      if (this.dense?.[this.slotAccount[slot]!] !== undefined) continue // found through its account's array
      let h = (Math.imul(this.slotAccount[slot]!, 0x9e3779b1) ^ Math.imul(this.slotOrigin[slot]! + 1, 0x85ebca77)) & mask
      while (table[h] !== 0) h = (h + 1) & mask
      table[h] = slot + 1
    }
    this.table = table
  }
}

/** A lot of the arena seen as a {@link Lot} (for assemble and explain), amount as `bigint`. */
export class ArenaLot implements Lot {
  constructor(private readonly arena: LotArena, private readonly index: number) {}
  get origin(): number {
    return this.arena.origin[this.index]!
  }
  get amount(): bigint {
    return BigInt(this.arena.amount[this.index]!)
  }
  get via(): number {
    return this.arena.via[this.index]!
  }
  get depth(): number {
    return this.arena.depth[this.index]!
  }
  get parent(): Lot | null {
    const p = this.arena.parent[this.index]!
    return p >= 0 ? new ArenaLot(this.arena, p) : null
  }
}

/** Sums per origin for one pool at a time, in a column per victim (shared by the views of a finished sweep). */
export class OriginSums {
  private readonly sum: Float64Array
  private readonly stamp: Int32Array
  private round = 1
  /** The origins added since the last drain, `count` of them (a typed column: no array regrown per pool). */
  private readonly origins: Int32Array
  private count = 0

  constructor(victimCount: number) {
    this.sum = new Float64Array(victimCount)
    this.stamp = new Int32Array(victimCount)
    this.origins = new Int32Array(victimCount)
  }

  add(origin: number, amount: number): void {
    if (this.stamp[origin] !== this.round) {
      this.stamp[origin] = this.round
      this.sum[origin] = 0
      this.origins[this.count++] = origin
    }
    this.sum[origin]! += amount
  }

  /** Adds the sums to `into` as `bigint` (exact: a numbers sweep's sums stay within 2^53 - 1) and starts over. */
  drainInto(into: OriginTally): void {
    for (let i = 0; i < this.count; i++) {
      const origin = this.origins[i]!
      into.add(origin, BigInt(this.sum[origin]!))
    }
    this.count = 0
    this.round++
  }
}

/** What a pool view returns for a pool that has no pending lots. */
const NO_LOTS: readonly Lot[] = Object.freeze([])

export class PoolView implements HeldPool {
  constructor(private readonly arena: LotArena, private readonly pool: FastPool, private readonly sums: OriginSums) {}
  victimLots(): Lot[] {
    return this.pool.victimLots().map((i) => new ArenaLot(this.arena, i))
  }
  tally(held: OriginTally): Map<number, bigint> | undefined {
    const pool = this.pool
    pool.sumByOrigin(this.sums)
    this.sums.drainInto(held)
    return pool.tookDirect ? this.directByTransfer() : undefined
  }

  /** What the held lots a victim's own transfer brought (depth 1) hold, per delivering transfer. */
  private directByTransfer(): Map<number, bigint> | undefined {
    const { amount, via, depth } = this.arena
    let direct: Map<number, bigint> | undefined
    this.pool.eachVictimLot((lot) => {
      if (depth[lot] !== 1) return
      direct ??= new Map()
      direct.set(via[lot]!, (direct.get(via[lot]!) ?? 0n) + BigInt(amount[lot]!))
    })
    return direct
  }
  get pending(): readonly Lot[] {
    const pending = this.pool.pending
    return pending === undefined ? NO_LOTS : pending.map((i) => new ArenaLot(this.arena, i))
  }
}
