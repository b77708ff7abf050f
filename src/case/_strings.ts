/**
 * Many short strings (transfer ids, serials) in one typed array: 1 byte per character while
 * every character is below U+0100, 2 bytes after. No string object per entry.
 *
 * @module case/_strings
 */

/**
 * Code units of `s` hashed (FNV-1a, 32 bits), as {@link StringArena.hash} hashes an entry.
 *
 * @example
 * hashString('T1') === arena.hash(arena.push('T1')) //=> true
 */
export function hashString(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619)
  return h
}

/**
 * The string of the ASCII (or Latin-1) bytes `bytes[start … end)`, at most a few thousand.
 *
 * @example
 * asciiString(Buffer.from('"T1"'), 1, 3) //=> 'T1'
 */
export function asciiString(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[])
}

/**
 * Strings appended one after another, addressed by their number.
 *
 * @example
 * const a = new StringArena(); a.push('T1'); a.get(0) //=> 'T1'
 */
export class StringArena {
  private chars: Uint8Array | Uint16Array = new Uint8Array(1 << 12)
  private wide = false
  /** Entry i is chars[start[i] … start[i + 1]). */
  private start = new Int32Array(1 << 10)
  count = 0

  /** Makes room for `entries` more entries of `chars` more code units in all (no regrowth while they fit). */
  reserve(entries: number, chars: number): void {
    if (this.count + entries + 2 > this.start.length) {
      const next = new Int32Array(this.count + entries + 2)
      next.set(this.start)
      this.start = next
    }
    const end = this.start[this.count]! + chars
    if (end > this.chars.length) {
      const next = this.wide ? new Uint16Array(end) : new Uint8Array(end)
      next.set(this.chars)
      this.chars = next
    }
  }

  /** Appends `s` and returns its number. */
  push(s: string): number {
    const length = s.length
    const at = this.room(length)
    let chars = this.chars
    for (let k = 0; k < length; k++) {
      const c = s.charCodeAt(k)
      if (c > 0xff && !this.wide) {
        this.widen()
        chars = this.chars
      }
      chars[at + k] = c
    }
    return this.close(at + length)
  }

  /** Appends the ASCII bytes `bytes[start … end)` as a string and returns its number. */
  pushBytes(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start
    const at = this.room(length)
    const chars = this.chars
    for (let k = 0; k < length; k++) chars[at + k] = bytes[start + k]!
    return this.close(at + length)
  }

  /** Where the next entry, of `length` code units, starts; room made for it. */
  private room(length: number): number {
    if (this.count + 2 > this.start.length) {
      const next = new Int32Array(this.start.length * 2)
      next.set(this.start)
      this.start = next
    }
    const at = this.start[this.count]!
    if (at + length > this.chars.length) this.growChars(at + length)
    return at
  }

  /** Ends the next entry at `end`; returns its number. */
  private close(end: number): number {
    const i = this.count
    this.start[i + 1] = end
    this.count = i + 1
    return i
  }

  get(i: number): string {
    const a = this.start[i]!
    const b = this.start[i + 1]!
    const chars = this.chars
    let s = ''
    for (let k = a; k < b; k += 4096) s += String.fromCharCode.apply(null, chars.subarray(k, Math.min(b, k + 4096)) as unknown as number[])
    return s
  }

  /** Whether entry i is the string s. */
  equals(i: number, s: string): boolean {
    const a = this.start[i]!
    if (this.start[i + 1]! - a !== s.length) return false
    const chars = this.chars
    for (let k = 0; k < s.length; k++) if (chars[a + k] !== s.charCodeAt(k)) return false
    return true
  }

  /** Whether entry i is the string of the ASCII bytes `bytes[start … end)`. */
  equalsBytes(i: number, bytes: Uint8Array, start: number, end: number): boolean {
    const a = this.start[i]!
    if (this.start[i + 1]! - a !== end - start) return false
    const chars = this.chars
    for (let k = 0; k < end - start; k++) if (chars[a + k] !== bytes[start + k]) return false
    return true
  }

  hash(i: number): number {
    const b = this.start[i + 1]!
    const chars = this.chars
    let h = 0x811c9dc5
    for (let k = this.start[i]!; k < b; k++) h = Math.imul(h ^ chars[k]!, 16777619)
    return h
  }

  /** Entries i and j in Unicode code-point order (as `compareCodePoints` orders strings). */
  compare(i: number, j: number): number {
    let p = this.start[i]!
    let q = this.start[j]!
    const pe = this.start[i + 1]!
    const qe = this.start[j + 1]!
    const chars = this.chars
    for (; p < pe && q < qe; p++, q++) {
      let x = chars[p]!
      let y = chars[q]!
      if (x !== y) {
        if (x >= 0xd800 && y >= 0xd800) {
          x = x >= 0xe000 ? x - 0x800 : x + 0x2000
          y = y >= 0xe000 ? y - 0x800 : y + 0x2000
        }
        return x - y
      }
    }
    return pe - p - (qe - q)
  }

  /** Bytes held. */
  get bytes(): number {
    return this.chars.byteLength + this.start.byteLength
  }

  private growChars(min: number): void {
    const size = Math.max(min, this.chars.length * 2)
    const next = this.wide ? new Uint16Array(size) : new Uint8Array(size)
    next.set(this.chars)
    this.chars = next
  }

  private widen(): void {
    const next = new Uint16Array(this.chars.length)
    next.set(this.chars)
    this.chars = next
    this.wide = true
  }
}
