/**
 * Statement time formats, normalised to ISO 8601 and read with the case's `parseTime`.
 *
 * @module io/statements/time
 */
import { parseTime, type TimeResult } from '../../case/time.js'

const DATE_TIME = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:(?:\s+|T)(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2})秒?)?(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(?:(\d{2})(\d{1,6})?)?)?$/
const COMPACT_SPLIT = /^(\d{4})(\d{2})(\d{2})\s+(\d{1,2}):?(\d{2}):?(\d{2})?$/
const TIME_OF_DAY = /^(\d{1,2})[:：](\d{1,2})(?:[:：](\d{1,2}))?(?:\.(\d{1,9}))?$/
const TIME_DIGITS = /^(\d{5,6})(?:\.(\d{1,9}))?$/

/**
 * Parses a statement time into epoch milliseconds. Accepted: ISO 8601 (`2026-03-14T10:02:11+08:00`),
 * `2026-03-14 10:02:11`, `2026/03/14 10:02:11`, `2026/3/14 10:02` (spreadsheets drop zeros),
 * `2026年03月14日 10:02:11`, `20260314100211`, `20260314 100211`, optional fractions (cut to
 * milliseconds) and an optional offset. With `date` given, `time` may be a time of day
 * (`10:02:11`, `100211`, or `90211` whose leading zero a spreadsheet dropped). Times without
 * offset are in `timezone`. A date alone is refused.
 *
 * @example
 * parseStatementTime('20260314100211', 'Asia/Shanghai')      //=> { ok: true, value: 1773453731000 }
 * parseStatementTime('2026/03/14 10:02:11', 'Asia/Shanghai') //=> the same instant
 * parseStatementTime('100211', 'Asia/Shanghai', '2026-03-14') //=> the same instant
 * parseStatementTime('2026-03-14', 'Asia/Shanghai')          //=> { ok: false, code: 'invalid_time', … }
 */
export function parseStatementTime(time: string, timezone: string, date?: string): TimeResult {
  const raw = time.trim()
  const iso = date !== undefined && date.trim() !== '' ? combine(date.trim(), raw) : toIso(raw)
  if (iso === undefined) {
    const shown = [date, time].filter((p) => p !== undefined && p.trim() !== '').join(' ')
    return {
      ok: false, code: 'invalid_time',
      message: `time ${JSON.stringify(shown.length > 40 ? `${shown.slice(0, 37)}…` : shown)} is not a date-time such as 2026-03-14 10:02:11, 2026/03/14 10:02:11 or 20260314100211`,
    }
  }
  return parseTime(iso, timezone)
}

function toIso(raw: string): string | undefined {
  let m = DATE_TIME.exec(raw)
  if (m) {
    if (m[4] === undefined) return undefined
    return build(m[1]!, m[2]!, m[3]!, m[4], m[5]!, m[6], m[7], m[8])
  }
  m = COMPACT.exec(raw)
  if (m) {
    if (m[4] === undefined) return undefined
    return build(m[1]!, m[2]!, m[3]!, m[4], m[5]!, m[6], m[7], undefined)
  }
  m = COMPACT_SPLIT.exec(raw)
  if (m) return build(m[1]!, m[2]!, m[3]!, m[4]!, m[5]!, m[6], undefined, undefined)
  return undefined
}

function combine(date: string, time: string): string | undefined {
  const d = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(date) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(date)
  if (!d) return undefined
  let t = TIME_OF_DAY.exec(time)
  if (t) return build(d[1]!, d[2]!, d[3]!, t[1]!, t[2]!, t[3], t[4], undefined)
  t = TIME_DIGITS.exec(time)
  if (t) {
    const digits = t[1]!.padStart(6, '0')
    return build(d[1]!, d[2]!, d[3]!, digits.slice(0, 2), digits.slice(2, 4), digits.slice(4, 6), t[2], undefined)
  }
  // A full date-time in the time column next to a date column is read as it is.
  return toIso(time)
}

function build(y: string, mo: string, d: string, h: string, mi: string, s: string | undefined, frac: string | undefined, zone: string | undefined): string {
  const pad = (v: string) => v.padStart(2, '0')
  const fraction = frac === undefined ? '' : `.${frac.slice(0, 3)}`
  const offset = zone === undefined ? '' : zone === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s ?? '00')}${fraction}${offset}`
}
