/**
 * Hashes and open-addressing tables of the link: serials and transfer contents to joint indices,
 * in typed arrays sized once.
 *
 * @module link/_content-table
 */

const TWO_POW_32 = 4_294_967_296

/** murmur3's finaliser: spreads every input bit over the 32-bit result. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) | 0
}

/** Folds a double (an integer up to 2^53 hashes exactly; others just somewhere) into a hash. */
function foldNumber(h: number, x: number): number {
  return mix(Math.imul(h ^ (x >>> 0), 0x9e3779b1) ^ (Math.floor(x / TWO_POW_32) | 0))
}

/** FNV-1a over the UTF-16 code units of `s`, continuing from `h`. */
function foldString(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return h
}

const FNV_OFFSET = 0x811c9dc5 | 0

/**
 * 32-bit hash of a string. Computed in JavaScript rather than through a Map so that tables of a
 * million keys can live in typed arrays sized once.
 *
 * @example
 * stringHash('T0001') === stringHash('T0001') //=> true
 */
export function stringHash(s: string): number {
  return mix(foldString(FNV_OFFSET, s))
}

/**
 * 32-bit hash of a transfer's content from numbers: `from` and `to` numbered so that equal
 * accounts get equal numbers (within one link), `amount` as a double, `time` in epoch ms. Equal
 * contents hash equal; different ones may collide (the table compares them).
 *
 * @example
 * contentHash(0, 1, 500, 0) === contentHash(0, 1, 500, 0) //=> true
 */
export function contentHash(from: number, to: number, amount: number, time: number): number {
  return foldNumber(foldNumber(mix(Math.imul(from, 0x9e3779b1) ^ mix(to + 0x2f)), amount), time)
}

/** A power-of-two slot count that keeps a table of `capacity` entries at most half full. */
export function slotCount(capacity: number): number {
  let size = 16
  while (size < capacity * 2) size *= 2
  return size
}

/**
 * Open-addressing (linear probing) table of `capacity` entries, sized once so it never grows.
 * Slot `i` holds a hash at `2i` and entry number + 1 at `2i + 1` (0 = empty): a probe reads one
 * cache line and only compares keys whose hash matches. Subclasses keep the keys (or find them
 * from the value) and say when two are equal; the first key registered wins.
 */
abstract class ProbeTable<K> {
  private readonly slots: Int32Array
  private readonly mask: number
  private readonly values: Int32Array
  private entries = 0

  constructor(capacity: number) {
    const size = slotCount(capacity)
    this.slots = new Int32Array(size * 2)
    this.mask = size - 1
    this.values = new Int32Array(capacity)
  }

  /** Whether entry number `entry`, registered with `value`, has key `key`. */
  protected abstract matches(entry: number, value: number, key: K): boolean
  protected abstract keep(entry: number, key: K): void

  /** The value registered for `key` (hashed as `hash`), or -1. */
  find(key: K, hash: number): number {
    const { slots, mask, values } = this
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[2 * slot + 1]! - 1
      if (entry < 0) return -1
      if (slots[2 * slot] === hash && this.matches(entry, values[entry]!, key)) return values[entry]!
    }
  }

  /** Registers `key` with `value` unless `key` is registered already. */
  addIfAbsent(key: K, hash: number, value: number): void {
    const { slots, mask, values } = this
    let slot = hash & mask
    for (; slots[2 * slot + 1] !== 0; slot = (slot + 1) & mask) {
      const entry = slots[2 * slot + 1]! - 1
      if (slots[2 * slot] === hash && this.matches(entry, values[entry]!, key)) return
    }
    const entry = this.entries++
    this.keep(entry, key)
    values[entry] = value
    slots[2 * slot] = hash
    slots[2 * slot + 1] = entry + 1
  }
}

/** Table from a string (a serial) to a joint index; hash keys with `stringHash`. */
export class StringTable extends ProbeTable<string> {
  /** Key per entry; entries are numbered in the order registered (an array made with a length of a million would be a slow dictionary). */
  private readonly keys: string[] = []

  protected matches(entry: number, _value: number, key: string): boolean {
    return this.keys[entry] === key
  }

  protected keep(_entry: number, key: string): void {
    this.keys.push(key)
  }
}

/** A transfer's content as numbers (see {@link contentHash}); `exact` is the amount itself. */
export interface NumericContent {
  from: number
  to: number
  amount: number
  time: number
  exact: bigint
}

/**
 * Table from transfer content to a joint index; hash keys with {@link contentHash}. Keys live in
 * typed arrays (the content an entry was registered with: what a joint index later holds does not
 * change which content finds it); amounts compare as doubles, and as bigints above 2^53 - 1.
 */
export class ContentTable extends ProbeTable<NumericContent> {
  private readonly from: Int32Array
  private readonly to: Int32Array
  private readonly amount: Float64Array
  private readonly time: Float64Array
  private readonly big = new Map<number, bigint>()

  constructor(capacity: number) {
    super(capacity)
    this.from = new Int32Array(capacity)
    this.to = new Int32Array(capacity)
    this.amount = new Float64Array(capacity)
    this.time = new Float64Array(capacity)
  }

  protected matches(entry: number, _value: number, key: NumericContent): boolean {
    return this.from[entry] === key.from && this.to[entry] === key.to && this.time[entry] === key.time && this.amount[entry] === key.amount &&
      (!isBig(key.amount) || this.big.get(entry) === key.exact)
  }

  protected keep(entry: number, key: NumericContent): void {
    this.from[entry] = key.from
    this.to[entry] = key.to
    this.amount[entry] = key.amount
    this.time[entry] = key.time
    if (isBig(key.amount)) this.big.set(entry, key.exact)
  }
}

/** Whether a double made from a bigint amount may stand for several (beyond ±2^53 - 1). */
export function isBig(amount: number): boolean {
  return !(amount <= Number.MAX_SAFE_INTEGER && amount >= -Number.MAX_SAFE_INTEGER)
}
