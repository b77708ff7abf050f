import type { Method } from '../report/types.js'
import { OTHER, otherLot, type Lot, type Piece } from './lot.js'

/** Lots in age order with a moving head: taking the oldest first never shifts the array. */
class LotQueue {
  lots: Lot[] = []
  head = 0

  get size(): number {
    return this.lots.length - this.head
  }

  push(lot: Lot): void {
    this.lots.push(lot)
  }

  /** Takes up to `need` from the oldest lots, appending pieces; returns what is still needed. */
  takeOldest(need: bigint, pieces: Piece[]): bigint {
    const lots = this.lots
    while (need > 0n && lots.length > this.head) {
      const lot = lots[this.head]!
      if (lot.amount <= need) {
        pieces.push({ source: lot, amount: lot.amount })
        need -= lot.amount
        this.head++
      } else {
        pieces.push({ source: lot, amount: need })
        lot.amount -= need
        need = 0n
      }
    }
    if (this.head > 64 && this.head * 2 > lots.length) {
      this.lots = lots.slice(this.head)
      this.head = 0
    }
    return need
  }

  items(): Lot[] {
    return this.lots.slice(this.head)
  }
}

/**
 * An account's pool under one tracing method. `withdraw` takes what pays for a transfer and
 * returns the pieces in the age order they had in the pool; what it cannot cover is the
 * caller's shortfall. Pending lots are held but never spent.
 */
export interface Pool {
  /** Spendable money in the pool, all origins. */
  total: bigint
  readonly pending: Lot[]
  depositOther(amount: bigint, arrival: number, via: number): void
  deposit(lot: Lot): void
  withdraw(amount: bigint): Piece[]
  /** pro_rata only: the origins a withdrawal would visit now (victims with a share, plus other if any). */
  originsPresent?(): number
  /** Every spendable victim lot still in the pool, in age order. */
  victimLots(): Lot[]
}

/**
 * Creates an empty pool for a method.
 *
 * @example
 * const pool = createPool('fifo'); pool.depositOther(100n, 0, -1); pool.withdraw(30n) // one piece of 30n
 */
export function createPool(method: Method): Pool {
  switch (method) {
    case 'fifo': return new SequencePool(false)
    case 'lifo': return new SequencePool(true)
    case 'victim_last': return new VictimLastPool()
    case 'pro_rata': return new ProRataPool()
  }
}

/** fifo and lifo: one age-ordered sequence, adjacent other lots merged (exact: same origin). */
class SequencePool implements Pool {
  total = 0n
  readonly pending: Lot[] = []
  private readonly queue = new LotQueue()

  constructor(private readonly newestFirst: boolean) {}

  depositOther(amount: bigint, arrival: number, via: number): void {
    this.total += amount
    const { lots } = this.queue
    const last = this.queue.size > 0 ? lots[lots.length - 1]! : undefined
    if (last !== undefined && last.origin === OTHER) last.amount += amount
    else this.queue.push(otherLot(amount, via))
  }

  deposit(lot: Lot): void {
    this.total += lot.amount
    this.queue.push(lot)
  }

  withdraw(amount: bigint): Piece[] {
    const pieces: Piece[] = []
    let need = amount
    if (this.newestFirst) {
      const { lots } = this.queue
      while (need > 0n && this.queue.size > 0) {
        const lot = lots[lots.length - 1]!
        if (lot.amount <= need) {
          pieces.push({ source: lot, amount: lot.amount })
          need -= lot.amount
          lots.pop()
        } else {
          pieces.push({ source: lot, amount: need })
          lot.amount -= need
          need = 0n
        }
      }
      pieces.reverse()
    } else {
      need = this.queue.takeOldest(need, pieces)
    }
    this.total -= amount - need
    return pieces
  }

  victimLots(): Lot[] {
    return this.queue.items().filter((lot) => lot.origin !== OTHER)
  }
}

/** victim_last: other money is spent first, then victim lots oldest first (lowest intermediate balance). */
class VictimLastPool implements Pool {
  total = 0n
  readonly pending: Lot[] = []
  private other: Lot | null = null
  private readonly queue = new LotQueue()

  depositOther(amount: bigint, arrival: number, via: number): void {
    this.total += amount
    if (this.other) this.other.amount += amount
    else this.other = otherLot(amount, via)
  }

  deposit(lot: Lot): void {
    this.total += lot.amount
    this.queue.push(lot)
  }

  withdraw(amount: bigint): Piece[] {
    const pieces: Piece[] = []
    let need = amount
    const other = this.other
    if (other && other.amount > 0n) {
      const take = other.amount < need ? other.amount : need
      pieces.push({ source: other, amount: take })
      other.amount -= take
      need -= take
      if (other.amount === 0n) this.other = null
    }
    need = this.queue.takeOldest(need, pieces)
    this.total -= amount - need
    return pieces
  }

  victimLots(): Lot[] {
    return this.queue.items()
  }
}

interface OriginShare {
  total: bigint
  readonly queue: LotQueue
}

/**
 * pro_rata: every origin gives up the same fraction; an origin's lots count as one share.
 * Minor units left by flooring go to the largest remainders, equal remainders in origin order
 * (victims by index = id order, other last). Within one origin the oldest lots go first, which
 * changes no amount, only which chain the evidence names.
 */
class ProRataPool implements Pool {
  total = 0n
  readonly pending: Lot[] = []
  private other: Lot | null = null
  private readonly shares = new Map<number, OriginShare>()

  depositOther(amount: bigint, arrival: number, via: number): void {
    this.total += amount
    if (this.other) this.other.amount += amount
    else this.other = otherLot(amount, via)
  }

  deposit(lot: Lot): void {
    this.total += lot.amount
    let share = this.shares.get(lot.origin)
    if (!share) this.shares.set(lot.origin, (share = { total: 0n, queue: new LotQueue() }))
    share.total += lot.amount
    share.queue.push(lot)
  }

  /** The origins a withdrawal would visit now: the victims with a share, plus other if any. */
  originsPresent(): number {
    return this.total === 0n ? 0 : this.shares.size + (this.other !== null && this.other.amount > 0n ? 1 : 0)
  }

  withdraw(amount: bigint): Piece[] {
    const pool = this.total
    if (pool === 0n) return []
    const origins = [...this.shares.keys()].sort((a, b) => a - b)
    const otherAmount = this.other?.amount ?? 0n
    const takes: bigint[] = new Array(origins.length + 1)
    if (amount >= pool) {
      for (let k = 0; k < origins.length; k++) takes[k] = this.shares.get(origins[k]!)!.total
      takes[origins.length] = otherAmount
    } else {
      const remainders: { k: number; r: bigint }[] = []
      let given = 0n
      for (let k = 0; k <= origins.length; k++) {
        const size = k < origins.length ? this.shares.get(origins[k]!)!.total : otherAmount
        const scaled = amount * size
        takes[k] = scaled / pool
        given += takes[k]!
        remainders.push({ k, r: scaled % pool })
      }
      let left = amount - given
      if (left > 0n) {
        remainders.sort((x, y) => (y.r > x.r ? 1 : y.r < x.r ? -1 : x.k - y.k))
        for (let j = 0; left > 0n; j++, left--) takes[remainders[j]!.k]! += 1n
      }
    }
    const pieces: Piece[] = []
    for (let k = 0; k < origins.length; k++) {
      if (takes[k]! > 0n) this.takeFromShare(origins[k]!, takes[k]!, pieces)
    }
    const otherTake = takes[origins.length]!
    if (otherTake > 0n && this.other) {
      pieces.push({ source: this.other, amount: otherTake })
      this.other.amount -= otherTake
      if (this.other.amount === 0n) this.other = null
    }
    const taken = amount >= pool ? pool : amount
    this.total -= taken
    return pieces
  }

  private takeFromShare(origin: number, amount: bigint, pieces: Piece[]): void {
    const share = this.shares.get(origin)!
    share.queue.takeOldest(amount, pieces)
    share.total -= amount
    if (share.total === 0n) this.shares.delete(origin)
  }

  victimLots(): Lot[] {
    const out: Lot[] = []
    for (const origin of [...this.shares.keys()].sort((a, b) => a - b)) {
      const share = this.shares.get(origin)!
      for (const lot of share.queue.items()) out.push(lot)
    }
    return out
  }
}
