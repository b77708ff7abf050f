/**
 * A case's transfers as columns: accounts interned once, typed columns for time, amount, from,
 * to and flags, ids and serials in string arenas, an open hash on ids. Parsing fills it (so a
 * parsed case is interned once, at parse time); streamed readers keep nothing else (a large
 * case costs ~100 bytes per transfer instead of ~400). `buildLedger` / `trace` read the columns.
 *
 * @module case/columns
 */
import type { ByteTransfer } from './_byte-transfer.js'
import { asciiString, hashString, StringArena } from './_strings.js'
import { CASE_FORMAT, CHANNELS, type Case, type Channel, type Transfer } from './types.js'

/** Every field of a {@link Case} but its transfers. */
export type CaseHeader = Omit<Case, 'transfers'>

/** Bit of `flags` set for a pending transfer. */
export const PENDING = 1
const HAS_SERIAL = 2
const CHANNEL_SHIFT = 2
const CHANNEL_CODE: ReadonlyMap<string, number> = new Map(CHANNELS.map((c, i) => [c, i + 1]))
const COLUMNS = Symbol('fundtrace.transferColumns')

/**
 * The `flags` column of a transfer: pending, has a serial, channel code.
 *
 * @example
 * transferFlags({ ...t, status: 'pending' }) & PENDING //=> 1
 */
export function transferFlags(t: Pick<Transfer, 'status' | 'serial' | 'channel'>): number {
  const channel = t.channel === undefined ? 0 : CHANNEL_CODE.get(t.channel) ?? 0
  return (t.status === 'pending' ? PENDING : 0) | (t.serial !== undefined ? HAS_SERIAL : 0) | (channel << CHANNEL_SHIFT)
}

/**
 * Transfers laid out as columns by someone else (see {@link TransferColumns.ofColumns}).
 */
export interface ColumnParts {
  readonly time: Float64Array<ArrayBuffer>
  readonly amount: Float64Array<ArrayBuffer>
  readonly flags: Uint8Array<ArrayBuffer>
  readonly from: Int32Array<ArrayBuffer>
  readonly to: Int32Array<ArrayBuffer>
  /** Index → amount, for amounts above 2^53 - 1. */
  readonly bigAmounts?: Map<number, bigint> | undefined
  /**
   * Account id per number, numbered as {@link TransferColumns.add} numbers them: the header's
   * accounts, then its victims' accounts, then each transfer's from and to, in transfer order.
   */
  readonly accountIds: string[]
  /** `accountIds` reversed. */
  readonly accountIndex: Map<string, number>
  /** How many of `accountIds` the header names. */
  readonly headerAccounts: number
  /**
   * The open hash on ids: per slot, transfer index + 1 (0 = empty) and `hashString` of its id,
   * linear probing from `hash & (length - 1)`; the length a power of two above twice the count.
   */
  readonly idSlots: Int32Array<ArrayBuffer>
  readonly idHashes: Int32Array<ArrayBuffer>
}

function grow<T extends Float64Array | Int32Array | Uint8Array>(a: T, min: number): T {
  const next = new (a.constructor as new (n: number) => T)(Math.max(min, a.length * 2))
  next.set(a)
  return next
}

/**
 * Collects a case's transfers as columns. Give it the header, `add` each valid transfer in
 * input order, then take {@link TransferColumns.toCase}. Interning and ids are exactly those of
 * `buildLedger` on the same Case. Fields are read by the ledger; treat them as read-only.
 *
 * @example
 * const columns = new TransferColumns(header)
 * for (const t of validTransfers) if (columns.add(t) >= 0) console.log('duplicate id', t.id)
 * const caseFile = columns.toCase()   // a Case; trace(caseFile) sorts the columns, nothing else
 */
export class TransferColumns {
  readonly header: CaseHeader
  readonly accountIds: string[]
  readonly accountIndex: Map<string, number>
  /** Accounts named by the header (metadata, victims); they exist whatever asOf cuts. */
  readonly headerAccounts: number
  /** Per account: the earliest time of a transfer naming it. */
  firstTime = new Float64Array(1024)
  count = 0
  time = new Float64Array(1024)
  amount = new Float64Array(1024)
  from = new Int32Array(1024)
  to = new Int32Array(1024)
  flags = new Uint8Array(1024)
  /** Amounts above 2^53 - 1 (only from a Case built in code; the parser stops at 10^15). */
  bigAmounts: Map<number, bigint> | undefined
  readonly ids = new StringArena()
  readonly serials = new StringArena()
  /** Open addressing on ids: transfer index + 1 per slot (0 = empty), and the id's hash. */
  private slots = new Int32Array(2048)
  private hashes = new Int32Array(2048)
  private readonly materialized = new Map<number, Transfer>()
  /**
   * Accounts by the bytes of their id ({@link addBytes}): the ids met so, their account numbers,
   * and an open hash on them (per slot, entry + 1, 0 = empty, and the id's hash).
   */
  private readonly accountKeys = new StringArena()
  private accountOfKey = new Int32Array(1024)
  private accountSlots = new Int32Array(1024)
  private accountHashes = new Int32Array(1024)
  /** The transfers as objects, when the caller keeps them (a parsed JSON case): index i is transfer i. */
  private objects: readonly Transfer[] | undefined

  /**
   * `capacity`: how many transfers to make room for at once (when known, as for a JSON case: no
   * regrowth). `accounts`: the accounts numbered already ({@link ofColumns} passes them), instead of
   * the header's accounts interned here.
   */
  constructor(header: CaseHeader, capacity = 1024, accounts?: Pick<ColumnParts, 'accountIds' | 'accountIndex' | 'headerAccounts'>) {
    this.header = header
    if (accounts !== undefined) {
      this.accountIds = accounts.accountIds
      this.accountIndex = accounts.accountIndex
      this.headerAccounts = accounts.headerAccounts
      return
    }
    if (capacity > 1024) {
      this.time = new Float64Array(capacity)
      this.amount = new Float64Array(capacity)
      this.from = new Int32Array(capacity)
      this.to = new Int32Array(capacity)
      this.flags = new Uint8Array(capacity)
      const slots = 2 ** Math.ceil(Math.log2(capacity * 2 + 1))
      this.slots = new Int32Array(slots)
      this.hashes = new Int32Array(slots)
    }
    this.accountIds = []
    this.accountIndex = new Map()
    for (const account of header.accounts) this.intern(account.id, Number.NEGATIVE_INFINITY)
    for (const victim of header.victims) for (const a of victim.accounts) this.intern(a, Number.NEGATIVE_INFINITY)
    this.headerAccounts = this.accountIds.length
  }

  /**
   * The columns of `objects` (transfer i is `objects[i]`, ids unique) from columns laid out
   * elsewhere — `linkCases` builds its joint case so, from its inputs' columns — without reading
   * an account name, time or amount of the objects. The arrays of `parts` are taken over, not
   * copied. Serials are not kept: the Case's transfers are always read from `objects`.
   *
   * @example
   * const columns = TransferColumns.ofColumns(header, transfers, parts)
   * trace(columns.toCase(transfers)) // sorts the columns, interns nothing
   */
  static ofColumns(header: CaseHeader, objects: readonly Transfer[], parts: ColumnParts): TransferColumns {
    const n = objects.length
    const c = new TransferColumns(header, 0, parts)
    const { from, to, time } = parts
    const firstTime = new Float64Array(parts.accountIds.length).fill(Number.POSITIVE_INFINITY)
    firstTime.fill(Number.NEGATIVE_INFINITY, 0, parts.headerAccounts)
    let chars = 0
    for (let i = 0; i < n; i++) {
      const at = time[i]!
      if (at < firstTime[from[i]!]!) firstTime[from[i]!] = at
      if (at < firstTime[to[i]!]!) firstTime[to[i]!] = at
      chars += objects[i]!.id.length
    }
    c.firstTime = firstTime
    c.time = time
    c.amount = parts.amount
    c.flags = parts.flags
    c.from = from
    c.to = to
    c.bigAmounts = parts.bigAmounts !== undefined && parts.bigAmounts.size > 0 ? parts.bigAmounts : undefined
    c.slots = parts.idSlots
    c.hashes = parts.idHashes
    c.ids.reserve(n, chars)
    for (let i = 0; i < n; i++) c.ids.push(objects[i]!.id)
    c.count = n
    return c
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
    const i = this.makeRoom()
    const at = t.time
    this.time[i] = at
    this.from[i] = this.intern(t.from, at)
    this.to[i] = this.intern(t.to, at)
    const amount = Number(t.amount)
    this.amount[i] = amount
    if (amount > Number.MAX_SAFE_INTEGER) (this.bigAmounts ??= new Map()).set(i, t.amount)
    this.flags[i] = transferFlags(t)
    this.ids.push(id)
    this.serials.push(t.serial ?? '')
    this.commit(slot, h)
    return -1
  }

  /**
   * Adds a valid transfer read from bytes by `readTransferBytes` (ids of printable ASCII, so a
   * byte is a code unit), exactly as {@link add} adds the same transfer as an object. Returns -1,
   * or the index of an earlier transfer with the same id, and then adds nothing.
   */
  addBytes(bytes: Uint8Array, t: ByteTransfer): number {
    const h = t.idHash
    const mask = this.slots.length - 1
    let slot = h & mask
    for (let k = this.slots[slot]!; k !== 0; slot = (slot + 1) & mask, k = this.slots[slot]!) {
      if (this.hashes[slot] === h && this.ids.equalsBytes(k - 1, bytes, t.idStart, t.idEnd)) return k - 1
    }
    const i = this.makeRoom()
    const at = t.time
    this.time[i] = at
    this.from[i] = this.internBytes(bytes, t.fromStart, t.fromEnd, t.fromHash, at)
    this.to[i] = this.internBytes(bytes, t.toStart, t.toEnd, t.toHash, at)
    this.amount[i] = t.amount
    this.flags[i] = (t.pending ? PENDING : 0) | (t.serialStart >= 0 ? HAS_SERIAL : 0) | (t.channelCode << CHANNEL_SHIFT)
    this.ids.pushBytes(bytes, t.idStart, t.idEnd)
    if (t.serialStart >= 0) this.serials.pushBytes(bytes, t.serialStart, t.serialEnd)
    else this.serials.push('')
    this.commit(slot, h)
    return -1
  }

  /** Index of the next transfer, the columns grown to hold it. */
  private makeRoom(): number {
    const i = this.count
    if (i === this.time.length) {
      this.time = grow(this.time, i + 1)
      this.amount = grow(this.amount, i + 1)
      this.from = grow(this.from, i + 1)
      this.to = grow(this.to, i + 1)
      this.flags = grow(this.flags, i + 1)
    }
    return i
  }

  /** Counts the transfer just written and puts its id in `slot` of the id hash. */
  private commit(slot: number, hash: number): void {
    this.count++
    this.slots[slot] = this.count
    this.hashes[slot] = hash
    if (this.count * 2 > this.slots.length) this.rehash()
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
    if (this.objects !== undefined) return this.objects[index]!
    let t = this.materialized.get(index)
    if (t === undefined) this.materialized.set(index, (t = this.freshTransfer(index)))
    return t
  }

  /**
   * Transfer number `index` as a new object, not kept: for a caller that keeps the objects
   * itself (`linkCases` gathers a million of them into its joint case), so they are not also
   * held, one Map entry each, by this case.
   */
  freshTransfer(index: number): Transfer {
    if (this.objects !== undefined) return this.objects[index]!
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
    if (channel === undefined && serial === undefined) return { id, from, to, amount, time, status }
    if (serial === undefined) return { id, from, to, amount, time, status, channel: channel! }
    if (channel === undefined) return { id, from, to, amount, time, status, serial }
    return { id, from, to, amount, time, status, channel, serial }
  }

  /** The account a transfer leaves (for the victims' checks of a reader). */
  fromOf(index: number): string {
    return this.accountIds[this.from[index]!]!
  }

  /**
   * The Case: the header plus `transfers` — `objects` when given (the same transfers, in the order
   * added), else an array that reads the columns back on access. `buildLedger` and `trace`
   * recognise the Case and use the columns (no interning, no `Transfer` objects read).
   */
  toCase(objects?: readonly Transfer[]): Case {
    if (objects !== undefined && objects.length !== this.count) throw new Error('the objects are not the transfers added')
    this.objects = objects
    const transfers = objects ?? lazyArray(this.count, (i) => this.transfer(i))
    const c: Case = { ...this.header, format: CASE_FORMAT, transfers }
    Object.defineProperty(c, COLUMNS, { value: this, enumerable: false })
    return c
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

  /**
   * {@link intern} of the ASCII bytes `bytes[start … end)` (hash: `hashString` of them): a string
   * is made only for an account not met before, so a million transfers make a hundred thousand
   * strings, not two million.
   */
  private internBytes(bytes: Uint8Array, start: number, end: number, hash: number, at: number): number {
    const mask = this.accountSlots.length - 1
    let slot = hash & mask
    for (let k = this.accountSlots[slot]!; k !== 0; slot = (slot + 1) & mask, k = this.accountSlots[slot]!) {
      if (this.accountHashes[slot] === hash && this.accountKeys.equalsBytes(k - 1, bytes, start, end)) {
        const i = this.accountOfKey[k - 1]!
        if (at < this.firstTime[i]!) this.firstTime[i] = at
        return i
      }
    }
    const i = this.intern(asciiString(bytes, start, end), at)
    const key = this.accountKeys.pushBytes(bytes, start, end)
    if (key === this.accountOfKey.length) this.accountOfKey = grow(this.accountOfKey, key + 1)
    this.accountOfKey[key] = i
    this.accountSlots[slot] = key + 1
    this.accountHashes[slot] = hash
    if (this.accountKeys.count * 2 > this.accountSlots.length) this.rehashAccounts()
    return i
  }

  private rehashAccounts(): void {
    const [slots, hashes] = doubled(this.accountSlots, this.accountHashes)
    this.accountSlots = slots
    this.accountHashes = hashes
  }

  private rehash(): void {
    const [slots, hashes] = doubled(this.slots, this.hashes)
    this.slots = slots
    this.hashes = hashes
  }
}

/** An open hash (per slot, entry + 1, 0 = empty, and the entry's hash) moved into twice the slots. */
function doubled(slots: Int32Array, hashes: Int32Array): [Int32Array<ArrayBuffer>, Int32Array<ArrayBuffer>] {
  const size = slots.length * 2
  const nextSlots = new Int32Array(size)
  const nextHashes = new Int32Array(size)
  const mask = size - 1
  for (let s = 0; s < slots.length; s++) {
    const k = slots[s]!
    if (k === 0) continue
    let t = hashes[s]! & mask
    while (nextSlots[t] !== 0) t = (t + 1) & mask
    nextSlots[t] = k
    nextHashes[t] = hashes[s]!
  }
  return [nextSlots, nextHashes]
}

/**
 * The columns behind a Case made by {@link TransferColumns.toCase} (every parsed or read case),
 * if any, and if its `transfers` are still the ones added.
 *
 * @example
 * columnsOf(parseCase(json))?.count //=> the number of transfers
 * columnsOf({ ...parsed, transfers: [] }) //=> undefined (a Case made in code)
 */
export function columnsOf(source: Case): TransferColumns | undefined {
  const columns = (source as { [COLUMNS]?: TransferColumns })[COLUMNS]
  if (columns === undefined || source.transfers.length !== columns.count) return undefined
  return columns
}

/**
 * The transfers of `source` with the given ids (those it has), by id: through the id hash of a
 * parsed case (no other transfer is made or read), else by one scan.
 *
 * @example
 * transfersById(parsed, ['T1', 'T9']).get('T1')?.amount //=> 5000000n
 */
export function transfersById(source: Case, ids: Iterable<string>): Map<string, Transfer> {
  const out = new Map<string, Transfer>()
  const columns = columnsOf(source)
  if (columns !== undefined) {
    for (const id of ids) {
      const i = columns.indexOf(id)
      if (i >= 0) out.set(id, columns.transfer(i))
    }
    return out
  }
  const wanted = new Set(ids)
  for (const t of source.transfers) if (wanted.has(t.id)) out.set(t.id, t)
  return out
}

/** A read-only array whose elements are made on access (index, length, iteration, array methods). */
export function lazyArray<T>(length: number, at: (i: number) => T): readonly T[] {
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
