/**
 * Skipping JSON values in UTF-8 bytes, checking their syntax as strictly as `JSON.parse`
 * (RFC 8259): where a value ends, without building it. Nesting is followed with an explicit
 * stack, not recursion, so no depth overflows it.
 *
 * @module io/_json-skip
 */
import { skipSpace } from '../case/_byte-transfer.js'

const OBJECT = 123 /* { */
const ARRAY = 91 /* [ */

/**
 * Position just after the JSON value starting at `bytes[at]` (whitespace before it is not
 * skipped), or -1 when it is not valid JSON.
 *
 * @example
 * skipJsonValue(Buffer.from('{"a":[1,true]} x'), 0) //=> 14
 * skipJsonValue(Buffer.from('[1,]'), 0)             //=> -1
 */
export function skipJsonValue(bytes: Uint8Array, at: number): number {
  const open: number[] = []
  let p = at
  for (;;) {
    const c = bytes[p]
    if (c === OBJECT || c === ARRAY) {
      p = skipSpace(bytes, p + 1)
      if (bytes[p] === (c === OBJECT ? 125 : 93)) p++
      else {
        open.push(c)
        if (c === OBJECT) p = skipKey(bytes, p)
        if (p < 0) return -1
        continue
      }
    } else {
      p = c === 34 ? skipJsonString(bytes, p) : skipScalar(bytes, p)
      if (p < 0) return -1
    }
    for (;;) {
      const top = open.at(-1)
      if (top === undefined) return p
      p = skipSpace(bytes, p)
      if (bytes[p] === 44 /* , */) {
        p = skipSpace(bytes, p + 1)
        if (top === OBJECT) p = skipKey(bytes, p)
        if (p < 0) return -1
        break
      }
      if (bytes[p] !== (top === OBJECT ? 125 : 93)) return -1
      open.pop()
      p++
    }
  }
}

/**
 * Position just after the JSON string starting at `bytes[at]` (its `"`), or -1 when it is not a
 * valid JSON string (a control character, a bad escape, no closing quote).
 *
 * @example
 * skipJsonString(Buffer.from('"a\\"b" '), 0) //=> 6
 */
export function skipJsonString(bytes: Uint8Array, at: number): number {
  if (bytes[at] !== 34) return -1
  for (let p = at + 1; p < bytes.length; p++) {
    const c = bytes[p]!
    if (c === 34) return p + 1
    if (c < 0x20) return -1
    if (c !== 92) continue
    const e = bytes[++p]
    if (e === 117 /* u */) {
      for (let k = 0; k < 4; k++) if (!isHex(bytes[++p])) return -1
    } else if (e !== 34 && e !== 92 && e !== 47 && e !== 98 && e !== 102 && e !== 110 && e !== 114 && e !== 116) return -1
  }
  return -1
}

/** A member name, whitespace, `:` and whitespace: the position of the member's value, or -1. */
function skipKey(bytes: Uint8Array, at: number): number {
  let p = skipJsonString(bytes, at)
  if (p < 0) return -1
  p = skipSpace(bytes, p)
  return bytes[p] === 58 /* : */ ? skipSpace(bytes, p + 1) : -1
}

/** A number, `true`, `false` or `null` at `at`: the position after it, or -1. */
function skipScalar(bytes: Uint8Array, at: number): number {
  for (const word of WORDS) if (word.every((b, i) => bytes[at + i] === b)) return at + word.length
  let p = at
  if (bytes[p] === 45 /* - */) p++
  if (bytes[p] === 48 /* 0 */) p++
  else if (isDigit(bytes[p]) && bytes[p] !== 48) while (isDigit(bytes[p])) p++
  else return -1
  if (bytes[p] === 46 /* . */) {
    if (!isDigit(bytes[++p])) return -1
    while (isDigit(bytes[p])) p++
  }
  if (bytes[p] === 101 || bytes[p] === 69 /* e E */) {
    if (bytes[p + 1] === 43 || bytes[p + 1] === 45 /* + - */) p++
    if (!isDigit(bytes[++p])) return -1
    while (isDigit(bytes[p])) p++
  }
  return p
}

const WORDS = ['true', 'false', 'null'].map((w) => Array.from(w, (c) => c.charCodeAt(0)))

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 48 && c <= 57
}

function isHex(c: number | undefined): boolean {
  return c !== undefined && ((c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102))
}
