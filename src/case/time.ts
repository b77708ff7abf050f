/**
 * Times are epoch milliseconds (`number`) inside fundtrace. Input is ISO 8601
 * `YYYY-MM-DDTHH:mm[:ss[.fff]]` with an optional `Z`/`±HH:MM`; without an offset the time is
 * read in the case's IANA timezone. Output is always written in the case's timezone with its offset.
 */

/** Result of {@link parseTime}. */
export type TimeResult =
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly code: 'invalid_time'; readonly message: string }

/**
 * Earliest and latest instants accepted (0000-01-02T00:00:00Z and 9999-12-31T00:00:00Z): every
 * timezone (offsets stay within a day) writes them back with a four-digit year, as the case
 * format requires.
 */
export const MIN_INSTANT = -62_167_132_800_000
export const MAX_INSTANT = 253_402_214_400_000

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})?$/
const QUARTER_HOUR = 900_000
const formatters = new Map<string, Intl.DateTimeFormat>()
const offsetCache = new Map<string, Map<number, number>>()

/**
 * Whether `timezone` is an IANA zone name this Node knows (e.g. `Asia/Shanghai`).
 *
 * @example
 * isValidTimezone('Asia/Shanghai') //=> true
 * isValidTimezone('Mars/Olympus')  //=> false
 */
export function isValidTimezone(timezone: string): boolean {
  if (typeof timezone !== 'string' || timezone.length === 0 || timezone.length > 64) return false
  try {
    formatterFor(timezone)
    return true
  } catch {
    return false
  }
}

/**
 * Parses an ISO 8601 date-time into epoch milliseconds. A date alone is refused; a time
 * without offset is read in `timezone` (which must be valid).
 *
 * @example
 * parseTime('2026-03-14T10:02:11+08:00', 'UTC') //=> { ok: true, value: 1773453731000 }
 * parseTime('2026-03-14T10:02:11', 'Asia/Shanghai') //=> the same instant
 * parseTime('2026-03-14', 'Asia/Shanghai') //=> { ok: false, code: 'invalid_time', … }
 */
export function parseTime(input: unknown, timezone: string): TimeResult {
  if (typeof input !== 'string') return invalid(`time must be an ISO 8601 string, got ${input === null ? 'null' : typeof input}`)
  const m = ISO.exec(input)
  if (!m) {
    const shown = input.length > 40 ? `${input.slice(0, 37)}…` : input
    return invalid(`time ${JSON.stringify(shown)} is not ISO 8601 YYYY-MM-DDTHH:mm[:ss[.fff]] with optional Z or ±HH:MM`)
  }
  const year = Number(m[1]), month = Number(m[2]), day = Number(m[3])
  const hour = Number(m[4]), minute = Number(m[5]), second = m[6] === undefined ? 0 : Number(m[6])
  const millis = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'))
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    return invalid(`time ${JSON.stringify(input)} names no real calendar instant`)
  }
  const wall = wallClock(year, month, day, hour, minute, second, millis)
  const zone = m[8]
  let value: number
  if (zone === 'Z') value = wall
  else if (zone !== undefined) {
    const sign = zone.startsWith('-') ? -1 : 1
    const oh = Number(zone.slice(1, 3)), om = Number(zone.slice(4, 6))
    if (oh > 23 || om > 59) return invalid(`time ${JSON.stringify(input)} has an impossible offset`)
    value = wall - sign * (oh * 60 + om) * 60_000
  } else {
    value = wallTimeToInstant(wall, timezone)
  }
  if (value < MIN_INSTANT || value > MAX_INSTANT) {
    return invalid(`time ${JSON.stringify(input)} is outside the supported range (0000-01-02 to 9999-12-31 UTC)`)
  }
  return { ok: true, value }
}

/**
 * Formats epoch milliseconds in `timezone` as ISO 8601 with the zone's offset, seconds always,
 * milliseconds only when not zero.
 *
 * @example
 * formatTime(1773453731000, 'Asia/Shanghai') //=> '2026-03-14T10:02:11+08:00'
 */
export function formatTime(ms: number, timezone: string): string {
  // Offsets before standard time (local mean time, e.g. +08:05:43) have seconds, which ±HH:MM
  // cannot write: round to the minute and write the wall clock of that offset (same instant).
  const offset = Math.round(offsetAt(ms, timezone) / 60_000) * 60_000
  const local = new Date(ms + offset)
  const pad = (n: number, w = 2) => String(n).padStart(w, '0')
  const frac = local.getUTCMilliseconds() === 0 ? '' : `.${pad(local.getUTCMilliseconds(), 3)}`
  const abs = Math.abs(offset) / 60_000
  const sign = offset < 0 ? '-' : '+'
  return `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${frac}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

/**
 * Offset of `timezone` from UTC at the instant `ms`, in milliseconds (Asia/Shanghai: 8 h).
 *
 * @example
 * offsetAt(0, 'Asia/Shanghai') //=> 28800000
 */
export function offsetAt(ms: number, timezone: string): number {
  let cache = offsetCache.get(timezone)
  if (!cache) offsetCache.set(timezone, (cache = new Map()))
  const bucket = Math.floor(ms / QUARTER_HOUR)
  let offset = cache.get(bucket)
  if (offset === undefined) {
    offset = computeOffset(bucket * QUARTER_HOUR, timezone)
    if (cache.size > 100_000) cache.clear()
    cache.set(bucket, offset)
  }
  return offset
}

function wallTimeToInstant(wall: number, timezone: string): number {
  const first = wall - offsetAt(wall, timezone)
  const second = wall - offsetAt(first, timezone)
  return second
}

function computeOffset(ms: number, timezone: string): number {
  const parts = formatterFor(timezone).formatToParts(new Date(ms))
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  // Intl counts years before 1 as 1 BC, 2 BC…: year 0 is 1 BC.
  const bc = parts.find((p) => p.type === 'era')?.value === 'BC'
  const asUtc = wallClock(bc ? 1 - get('year') : get('year'), get('month'), get('day'), get('hour'), get('minute'), get('second'), 0)
  return asUtc - (ms - (ms % 1000 + 1000) % 1000)
}

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone, hourCycle: 'h23', era: 'short',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    })
    formatters.set(timezone, f)
  }
  return f
}

/** Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear does not. */
function wallClock(year: number, month: number, day: number, hour: number, minute: number, second: number, millis: number): number {
  const d = new Date(0)
  d.setUTCFullYear(year, month - 1, day)
  d.setUTCHours(hour, minute, second, millis)
  return d.getTime()
}

function daysInMonth(year: number, month: number): number {
  const d = new Date(0)
  d.setUTCFullYear(year, month, 0)
  return d.getUTCDate()
}

function invalid(message: string): TimeResult {
  return { ok: false, code: 'invalid_time', message }
}
