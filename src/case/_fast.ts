/**
 * Fast paths for the two hot conversions of a large case: the common shapes of an amount
 * (`"1234.56"`) and of a time with an explicit offset (`"2026-03-14T10:02:11+08:00"`). Each
 * answers only when it is sure the value is valid, with exactly what `parseAmount` /
 * `parseTime` would return; otherwise it returns `undefined` and the caller asks them.
 *
 * @module case/_fast
 */

import { MAX_INSTANT } from './time.js'

const POW10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000]
/** Digits of a minor-unit value that stay below `MAX_TRANSFER_MINOR` (10^15) and 2^53. */
const MAX_SAFE_DIGITS = 15
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/**
 * Minor units of a valid amount in a common shape, or `undefined` ("ask `parseAmount`").
 *
 * @example
 * fastAmount('50000.00', 2) //=> 5000000n
 * fastAmount(5000, 2)       //=> 500000n
 * fastAmount('1e5', 2)      //=> undefined
 */
export function fastAmount(raw: unknown, digits: number): bigint | undefined {
  if (digits > 9) return undefined
  if (typeof raw === 'number') {
    const minor = minorOfInteger(raw, digits)
    return minor < 0 ? undefined : BigInt(minor)
  }
  if (typeof raw !== 'string') return undefined
  const length = raw.length
  let value = 0
  let i = 0
  for (; i < length; i++) {
    const d = raw.charCodeAt(i) - 48
    if (d < 0 || d > 9) break
    value = value * 10 + d
  }
  const wholeDigits = i
  if (wholeDigits === 0) return undefined
  let fractionDigits = 0
  if (i < length) {
    if (raw.charCodeAt(i) !== 46 /* . */) return undefined
    for (i++; i < length; i++) {
      const d = raw.charCodeAt(i) - 48
      if (d < 0 || d > 9) return undefined
      value = value * 10 + d
      fractionDigits++
    }
    if (fractionDigits === 0 || fractionDigits > digits) return undefined
  }
  if (wholeDigits + digits > MAX_SAFE_DIGITS) return undefined
  const minor = value * (POW10[digits - fractionDigits] ?? 0)
  return minor > 0 ? BigInt(minor) : undefined
}

/**
 * Epoch ms of a valid `YYYY-MM-DDTHH:mm:ss` time with `Z` or `±HH:MM`, or `undefined`
 * ("ask `parseTime`": other shapes, times without offset, anything invalid).
 *
 * @example
 * fastTime('2026-03-14T10:02:11+08:00') //=> 1773453731000
 * fastTime('2026-03-14T10:02:11')       //=> undefined (needs the case timezone)
 */
export function fastTime(raw: string): number | undefined {
  const length = raw.length
  if (length !== 25 && length !== 20) return undefined
  if (raw.charCodeAt(4) !== 45 || raw.charCodeAt(7) !== 45 || raw.charCodeAt(10) !== 84 /* T */ ||
      raw.charCodeAt(13) !== 58 || raw.charCodeAt(16) !== 58) return undefined
  const wall = wallTime(digits(raw, 0, 4), digits(raw, 5, 2), digits(raw, 8, 2), digits(raw, 11, 2), digits(raw, 14, 2), digits(raw, 17, 2))
  if (length === 20) return raw.charCodeAt(19) === 90 /* Z */ ? instantOf(wall, 0) : undefined
  const sign = raw.charCodeAt(19)
  if ((sign !== 43 && sign !== 45) || raw.charCodeAt(22) !== 58) return undefined
  return instantOf(wall, offsetMs(sign, digits(raw, 20, 2), digits(raw, 23, 2)))
}

/**
 * {@link fastTime} of the UTF-8 bytes `bytes[start … end)` (a JSON string's contents), or `NaN`
 * ("ask `parseTime`").
 *
 * @example
 * fastTimeOfBytes(Buffer.from('2026-03-14T10:02:11+08:00'), 0, 25) //=> 1773453731000
 */
export function fastTimeOfBytes(bytes: Uint8Array, start: number, end: number): number {
  const length = end - start
  if (length !== 25 && length !== 20) return Number.NaN
  if (bytes[start + 4] !== 45 || bytes[start + 7] !== 45 || bytes[start + 10] !== 84 /* T */ ||
      bytes[start + 13] !== 58 || bytes[start + 16] !== 58) return Number.NaN
  const wall = wallTime(byteDigits(bytes, start, 4), byteDigits(bytes, start + 5, 2), byteDigits(bytes, start + 8, 2),
    byteDigits(bytes, start + 11, 2), byteDigits(bytes, start + 14, 2), byteDigits(bytes, start + 17, 2))
  if (length === 20) return bytes[start + 19] === 90 /* Z */ ? instantOf(wall, 0) ?? Number.NaN : Number.NaN
  const sign = bytes[start + 19]!
  if ((sign !== 43 && sign !== 45) || bytes[start + 22] !== 58) return Number.NaN
  return instantOf(wall, offsetMs(sign, byteDigits(bytes, start + 20, 2), byteDigits(bytes, start + 23, 2))) ?? Number.NaN
}

/**
 * Minor units of an amount given as a JSON number that is a whole number of major units, or -1
 * ("ask `parseAmount`"): as {@link fastAmount} answers for a number.
 *
 * @example
 * minorOfInteger(5000, 2) //=> 500000
 * minorOfInteger(0.5, 2)  //=> -1
 */
export function minorOfInteger(value: number, digits: number): number {
  if (digits > 9 || !Number.isSafeInteger(value) || value <= 0) return -1
  const minor = value * (POW10[digits] ?? 0)
  return minor > 0 && minor < 10 ** MAX_SAFE_DIGITS ? minor : -1
}

/**
 * {@link fastAmount} of a JSON string's UTF-8 bytes `bytes[start … end)`, as a number of minor
 * units (exact: below 10^15), or -1 ("ask `parseAmount`").
 *
 * @example
 * fastAmountOfBytes(Buffer.from('50000.00'), 0, 8, 2) //=> 5000000
 */
export function fastAmountOfBytes(bytes: Uint8Array, start: number, end: number, digits: number): number {
  if (digits > 9) return -1
  let value = 0
  let i = start
  for (; i < end; i++) {
    const d = bytes[i]! - 48
    if (d < 0 || d > 9) break
    value = value * 10 + d
  }
  const wholeDigits = i - start
  if (wholeDigits === 0) return -1
  let fractionDigits = 0
  if (i < end) {
    if (bytes[i] !== 46 /* . */) return -1
    for (i++; i < end; i++) {
      const d = bytes[i]! - 48
      if (d < 0 || d > 9) return -1
      value = value * 10 + d
      fractionDigits++
    }
    if (fractionDigits === 0 || fractionDigits > digits) return -1
  }
  if (wholeDigits + digits > MAX_SAFE_DIGITS) return -1
  const minor = value * (POW10[digits - fractionDigits] ?? 0)
  return minor > 0 ? minor : -1
}

/** Epoch ms of a valid wall time read as UTC, or NaN (a field out of range, or not digits). */
function wallTime(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  if (year < 1000 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return Number.NaN
  if (day > (month === 2 && isLeap(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0))) return Number.NaN
  return Date.UTC(year, month - 1, day, hour, minute, second)
}

/** Milliseconds to subtract for a `±HH:MM` offset, or NaN when it is out of range. */
function offsetMs(sign: number, hours: number, minutes: number): number {
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return Number.NaN
  return (sign === 45 ? -1 : 1) * (hours * 60 + minutes) * 60_000
}

function instantOf(wall: number, offset: number): number | undefined {
  const value = wall - offset
  if (Number.isNaN(value)) return undefined
  return value <= MAX_INSTANT ? value : undefined
}

/** The number written by `count` ASCII digit bytes at `start`, or -1 when one is not a digit. */
function byteDigits(bytes: Uint8Array, start: number, count: number): number {
  let value = 0
  for (let i = start; i < start + count; i++) {
    const d = bytes[i]! - 48
    if (d < 0 || d > 9) return -1
    value = value * 10 + d
  }
  return value
}

/** The number written by `count` ASCII digits at `start`, or -1 when one is not a digit. */
function digits(text: string, start: number, count: number): number {
  let value = 0
  for (let i = start; i < start + count; i++) {
    const d = text.charCodeAt(i) - 48
    if (d < 0 || d > 9) return -1
    value = value * 10 + d
  }
  return value
}

function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
}
