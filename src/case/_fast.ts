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
    if (!Number.isSafeInteger(raw) || raw <= 0) return undefined
    const minor = raw * (POW10[digits] ?? 0)
    return minor > 0 && minor < 10 ** MAX_SAFE_DIGITS ? BigInt(minor) : undefined
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
  const year = digits(raw, 0, 4), month = digits(raw, 5, 2), day = digits(raw, 8, 2)
  const hour = digits(raw, 11, 2), minute = digits(raw, 14, 2), second = digits(raw, 17, 2)
  if (year < 1000 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined
  if (day > (month === 2 && isLeap(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0))) return undefined
  const wall = Date.UTC(year, month - 1, day, hour, minute, second)
  if (length === 20) return raw.charCodeAt(19) === 90 /* Z */ && wall <= MAX_INSTANT ? wall : undefined
  const sign = raw.charCodeAt(19)
  if ((sign !== 43 && sign !== 45) || raw.charCodeAt(22) !== 58) return undefined
  const offsetHours = digits(raw, 20, 2), offsetMinutes = digits(raw, 23, 2)
  if (offsetHours < 0 || offsetHours > 23 || offsetMinutes < 0 || offsetMinutes > 59) return undefined
  const value = wall - (sign === 45 ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000
  return value <= MAX_INSTANT ? value : undefined
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
