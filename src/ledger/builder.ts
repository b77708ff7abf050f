/**
 * The ledger built straight from a reader: transfers are pushed one by one into typed columns
 * and string arenas, and no `Transfer` object is kept (a large case costs ~100 bytes per
 * transfer instead of ~400). The {@link Case} it yields reads its transfers back on demand, and
 * `buildLedger` / `trace` on that Case use the columns directly.
 *
 * @module ledger/builder
 */
import { CASE_FORMAT, CHANNELS, type Account, type Case, type Channel, type Transfer, type Victim } from '../case/types.js'
import { ledgerPositions, type LedgerScope } from './_positions.js'
import { hashString, StringArena } from './_strings.js'
import { accountColumns, type Ledger } from './build.js'

/** Every field of a {@link Case} but its transfers. */
export type CaseHeader = Omit<Case, 'transfers'>

const PENDING = 1
const HAS_SERIAL = 2
const CHANNEL_SHIFT = 2
const CHANNEL_CODE: ReadonlyMap<string, number> = new Map(CHANNELS.map((c, i) => [c, i + 1]))
const BUILDER = Symbol('fundtrace.ledgerBuilder')

function grow<T extends Float64Array | Int32Array | Uint8Array>(a: T, min: number): T {
  const next = new (a.constructor as new (n: number) => T)(Math.max(min, a.length * 2))
  next.set(a)
  return next
}

/**
 * Collects a case's transfers as columns. Give it the header, `add` each valid transfer in
 * input order, then take {@link LedgerBuilder.toCase} (or {@link LedgerBuilder.finish} for the
 * ledger alone). Interning, ids and the `(time, id)` order are exactly those of
 * {@link buildLedger} on the same Case.
 *
 * @example
 * const builder = new LedgerBuilder(header)
 * for (const t of validTransfers) if (builder.add(t) >= 0) console.log('duplicate id', t.id)
 * const caseFile = builder.toCase()   // a Case; trace(caseFile) sorts the columns, nothing else
 */
export class LedgerBuilder {
  readonly header: CaseHeader
  private readonly accountIds: string[] = []
  private readonly accountIndex = new Map<string, number>()
  /** Accounts named by the header (metadata, victims); they exist whatever asOf cuts. */
  private readonly headerAccounts: number
  /** Per account: the earliest time of a transfer naming it. */
  private firstTime = new Float64Array(1024)
  private count = 0
  private time = new Float64Array(1024)
  private amount = new Float64Array(1024)
  private from = new Int32Array(1024)
  private to = new Int32Array(1024)
  private flags = new Uint8Array(1024)
  /** Amounts above 2^53 - 1 (only from a Case built in code; the parser stops at 10^15). */
  private bigAmounts: Map<number, bigint> | undefined
  private readonly ids = new StringArena()
  private readonly serials = new StringArena()
  /** Open addressing on ids: transfer index + 1 per slot (0 = empty), and the id's hash. */
  private slots = new Int32Array(2048)
  private hashes = new Int32Array(2048)
  private readonly materialized = new Map<number, Transfer>()
  private cached: { asOf: number | null; scope: LedgerScope; source: Case; ledger: Ledger } | undefined

  constructor(header: CaseHeader) {
    this.header = header
    for (const account of header.accounts) this.intern(account.id, Number.NEGATIVE_INFINITY)
    for (const victim of header.victims) for (const a of victim.accounts) this.intern(a, Number.NEGATIVE_INFINITY)
    this.headerAccounts = this.accountIds.length
  }

  /** Transfers added so far. */
  get size(): number {
    return this.count
  }

  /**
   * Adds a valid transfer. Returns -1, or — when a transfer with the same id was added before —
   * that transfer's index, and adds nothing.
   */
  add(t: Transfer): number {
    const id = t.id
    const h = hashString(id)
    const mask = this.slots.length - 1
    let slot = h & mask
    for (let k = this.slots[slot]!; k !== 0; slot = (slot + 1) & mask, k = this.slots[slot]!) {
      if (this.hashes[slot] === h && this.ids.equals(k - 1, id)) return k - 1
    }
    const i = this.count
    if (i === this.time.length) {
      this.time = grow(this.time, i + 1)
      this.amount = grow(this.amount, i + 1)
      this.from = grow(this.from, i + 1)
      this.to = grow(this.to, i + 1)
      this.flags = grow(this.flags, i + 1)
    }
    const at = t.time
    this.time[i] = at
    this.from[i] = this.intern(t.from, at)
    this.to[i] = this.intern(t.to, at)
    const amount = Number(t.amount)
    this.amount[i] = amount
    if (amount > Number.MAX_SAFE_INTEGER) (this.bigAmounts ??= new Map()).set(i, t.amount)
    const channel = t.channel === undefined ? 0 : CHANNEL_CODE.get(t.channel) ?? 0
    this.flags[i] = (t.status === 'pending' ? PENDING : 0) | (t.serial !== undefined ? HAS_SERIAL : 0) | (channel << CHANNEL_SHIFT)
    this.ids.push(id)
    this.serials.push(t.serial ?? '')
    this.count = i + 1
    this.slots[slot] = i + 1
    this.hashes[slot] = h
    if (this.count * 2 > this.slots.length) this.rehash()
    return -1
  }

  /** Index of the transfer with this id, or -1. */
  indexOf(id: string): number {
    const h = hashString(id)
    const mask = this.slots.length - 1
    for (let slot = h & mask, k = this.slots[slot]!; k !== 0; slot = (slot + 1) & mask, k = this.slots[slot]!) {
      if (this.hashes[slot] === h && this.ids.equals(k - 1, id)) return k - 1
    }
    return -1
  }

  /** Transfer number `index` (input order) as an object; the same object every time. */
  transfer(index: number): Transfer {
    let t = this.materialized.get(index)
    if (t !== undefined) return t
    const flags = this.flags[index]!
    const id = this.ids.get(index)
    const from = this.accountIds[this.from[index]!]!
    const to = this.accountIds[this.to[index]!]!
    const amount = this.bigAmounts?.get(index) ?? BigInt(this.amount[index]!)
    const time = this.time[index]!
    const status = flags & PENDING ? 'pending' : 'posted'
    const channelCode = flags >> CHANNEL_SHIFT
    const channel = channelCode === 0 ? undefined : (CHANNELS[channelCode - 1] as Channel)
    const serial = flags & HAS_SERIAL ? this.serials.get(index) : undefined
    // the key order of the parser's transfers
    if (channel === undefined && serial === undefined) t = { id, from, to, amount, time, status }
    else if (serial === undefined) t = { id, from, to, amount, time, status, channel: channel! }
    else if (channel === undefined) t = { id, from, to, amount, time, status, serial }
    else t = { id, from, to, amount, time, status, channel, serial }
    this.materialized.set(index, t)
    return t
  }

  /** The account a transfer leaves (for the victims' checks of a reader). */
  fromOf(index: number): string {
    return this.accountIds[this.from[index]!]!
  }

  /**
   * The Case: the header plus a `transfers` array that reads the columns back on access.
   * `buildLedger` and `trace` recognise it and use the columns (no `Transfer` objects).
   */
  toCase(): Case {
    const transfers = lazyArray(this.count, (i) => this.transfer(i))
    const c: Case = { ...this.header, format: CASE_FORMAT, transfers }
    Object.defineProperty(c, BUILDER, { value: this, enumerable: false })
    return c
  }

  /**
   * The ledger in force at `asOf` (default: the header's), sorted once; the last one is cached.
   * `source` is the Case the ledger reports as its own (default: a new {@link toCase}).
   */
  finish(options: { asOf?: number | null; scope?: LedgerScope } = {}, source: Case = this.toCase()): Ledger {
    const asOf = options.asOf !== undefined ? options.asOf : (this.header.asOf ?? null)
    const scope = options.scope ?? 'all'
    const cached = this.cached
    if (cached?.asOf === asOf && cached.scope === scope && cached.source === source) return cached.ledger
    const ledger = this.build(asOf, scope, source)
    this.cached = { asOf, scope, source, ledger }
    return ledger
  }

  private build(asOf: number | null, scope: LedgerScope, source: Case): Ledger {
    const count = this.count
    const inputTime = this.time.subarray(0, count)
    const { victimIds, fraudVictim, accountMeta, kind, ownerVictim, openingBalance } = accountColumns(source, this.accountIds, this.accountIndex)
    const fraudByIndex = new Map<number, number>()
    for (const [id, v] of fraudVictim) {
      const i = this.indexOf(id)
      if (i >= 0) fraudByIndex.set(i, v)
    }
    const positions = ledgerPositions({
      from: this.from, to: this.to, time: inputTime, count, accountCount: this.accountIds.length, asOf,
      fraud: [...fraudByIndex.keys()], idOf: (p) => this.ids.get(p), compareIds: (a, b) => this.ids.compare(a, b),
    }, scope)
    const order = positions.inForce
    const n = order.length

    const from = new Int32Array(n)
    const to = new Int32Array(n)
    const time = new Float64Array(n)
    const amount = new Float64Array(n)
    const pending = new Uint8Array(n)
    const fraudOf = new Int32Array(n)
    let amountsExact = true
    for (let k = 0; k < n; k++) {
      const i = order[k]!
      from[k] = this.from[i]!
      to[k] = this.to[i]!
      time[k] = inputTime[i]!
      const a = this.amount[i]!
      amount[k] = a
      if (a > Number.MAX_SAFE_INTEGER) amountsExact = false
      pending[k] = this.flags[i]! & PENDING
      fraudOf[k] = fraudByIndex.get(i) ?? -1
    }

    // accounts named only by transfers after asOf are not in this ledger (as buildLedger leaves them out)
    let accountIndex: ReadonlyMap<string, number> = this.accountIndex
    if (positions.after.length > 0) {
      const cut = asOf!
      const present = new Map<string, number>()
      for (let a = 0; a < this.accountIds.length; a++) if (a < this.headerAccounts || this.firstTime[a]! <= cut) present.set(this.accountIds[a]!, a)
      if (present.size < this.accountIds.length) accountIndex = present
    }

    const at = (pos: number): Transfer => this.transfer(order[pos]!)
    const after = positions.after
    return {
      source, accountIds: this.accountIds, accountIndex, accountMeta, kind, ownerVictim, openingBalance, victimIds,
      transfers: lazyArray(n, at), from, to, time, amount, amountsExact, pending, fraudOf,
      afterAsOf: lazyArray(after.length, (k) => this.transfer(after[k]!)), asOf, transferAt: at,
    }
  }

  private intern(id: string, at: number): number {
    let i = this.accountIndex.get(id)
    if (i === undefined) {
      i = this.accountIds.length
      this.accountIds.push(id)
      this.accountIndex.set(id, i)
      if (i >= this.firstTime.length) this.firstTime = grow(this.firstTime, i + 1)
      this.firstTime[i] = at
    } else if (at < this.firstTime[i]!) this.firstTime[i] = at
    return i
  }

  private rehash(): void {
    const size = this.slots.length * 2
    const slots = new Int32Array(size)
    const hashes = new Int32Array(size)
    const mask = size - 1
    for (let s = 0; s < this.slots.length; s++) {
      const k = this.slots[s]!
      if (k === 0) continue
      let t = this.hashes[s]! & mask
      while (slots[t] !== 0) t = (t + 1) & mask
      slots[t] = k
      hashes[t] = this.hashes[s]!
    }
    this.slots = slots
    this.hashes = hashes
  }
}

/**
 * The builder behind a Case made by {@link LedgerBuilder.toCase}, if any.
 *
 * @example
 * builderOf(parseCase(json)) //=> undefined (an ordinary Case)
 */
export function builderOf(source: Case): LedgerBuilder | undefined {
  return (source as { [BUILDER]?: LedgerBuilder })[BUILDER]
}

/** A read-only array whose elements are made on access (index, length, iteration, array methods). */
function lazyArray<T>(length: number, at: (i: number) => T): readonly T[] {
  const indexOf = (key: string | symbol): number => {
    if (typeof key !== 'string') return -1
    const c = key.charCodeAt(0)
    if (!(c >= 48 && c <= 57)) return -1
    const i = Number(key)
    return Number.isInteger(i) && i >= 0 && i < length && String(i) === key ? i : -1
  }
  return new Proxy([] as T[], {
    get(target, key, receiver) {
      if (key === 'length') return length
      const i = indexOf(key)
      if (i >= 0) return at(i)
      return Reflect.get(target, key, receiver)
    },
    has(target, key) {
      return indexOf(key) >= 0 || Reflect.has(target, key)
    },
    getOwnPropertyDescriptor(target, key) {
      if (key === 'length') return { value: length, writable: true, enumerable: false, configurable: false }
      const i = indexOf(key)
      if (i >= 0) return { value: at(i), writable: false, enumerable: true, configurable: true }
      return Reflect.getOwnPropertyDescriptor(target, key)
    },
    ownKeys() {
      const keys: (string | symbol)[] = []
      for (let i = 0; i < length; i++) keys.push(String(i))
      keys.push('length')
      return keys
    },
    set() {
      return false
    },
    defineProperty() {
      return false
    },
    deleteProperty() {
      return false
    },
  })
}

export type { Account, Victim }
