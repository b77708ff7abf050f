import type { Transfer } from '../case/types.js'

/** What makes two transfers the same movement of money when neither id nor serial says so. */
export type Content = Pick<Transfer, 'from' | 'to' | 'amount' | 'time'>

/**
 * Whether two transfers move the same money: same from, to, amount and time.
 *
 * @example
 * sameContent({ from: 'a', to: 'b', amount: 5n, time: 0 }, { from: 'a', to: 'b', amount: 5n, time: 0 }) //=> true
 */
export function sameContent(a: Content, b: Content): boolean {
  return a.from === b.from && a.to === b.to && a.amount === b.amount && a.time === b.time
}

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
 * 32-bit hash of a transfer's from/to/amount/time, without building a key string. Equal contents
 * hash equal; different ones may collide (the table compares them).
 *
 * @example
 * contentHash({ from: 'a', to: 'b', amount: 5n, time: 0 }) === contentHash({ from: 'a', to: 'b', amount: 5n, time: 0 }) //=> true
 */
export function contentHash(t: Content): number {
  const accounts = mix(foldString(foldString(FNV_OFFSET, t.from) ^ 0x2f, t.to))
  return foldNumber(foldNumber(accounts, Number(t.amount)), t.time)
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
 * cache line and only compares keys whose hash matches. Subclasses keep the keys and say when two
 * are equal; the first key registered wins.
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

  protected abstract matches(entry: number, key: K): boolean
  protected abstract keep(entry: number, key: K): void

  /** The value registered for `key` (hashed as `hash`), or -1. */
  find(key: K, hash: number): number {
    const { slots, mask } = this
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[2 * slot + 1]! - 1
      if (entry < 0) return -1
      if (slots[2 * slot] === hash && this.matches(entry, key)) return this.values[entry]!
    }
  }

  /** Registers `key` with `value` unless `key` is registered already. */
  addIfAbsent(key: K, hash: number, value: number): void {
    const { slots, mask } = this
    let slot = hash & mask
    for (; slots[2 * slot + 1] !== 0; slot = (slot + 1) & mask) {
      if (slots[2 * slot] === hash && this.matches(slots[2 * slot + 1]! - 1, key)) return
    }
    const entry = this.entries++
    this.keep(entry, key)
    this.values[entry] = value
    slots[2 * slot] = hash
    slots[2 * slot + 1] = entry + 1
  }
}

/** Table from a string (transfer id, serial) to a joint index; hash keys with `stringHash`. */
export class StringTable extends ProbeTable<string> {
  private readonly keys: string[] = []

  protected matches(entry: number, key: string): boolean {
    return this.keys[entry] === key
  }

  protected keep(entry: number, key: string): void {
    this.keys[entry] = key
  }
}

/**
 * Table from transfer content to a joint index; hash keys with `contentHash`. An entry keeps the
 * transfer it was registered with as its key: what a joint index later holds does not change
 * which content finds it.
 */
export class ContentTable extends ProbeTable<Content> {
  private readonly keys: Content[] = []

  protected matches(entry: number, key: Content): boolean {
    return sameContent(this.keys[entry]!, key)
  }

  protected keep(entry: number, key: Content): void {
    this.keys[entry] = key
  }
}
