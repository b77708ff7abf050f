/**
 * Regression tests of what the issue-7 fuzzing found (test/hardening/fuzz.test.ts), one per fix.
 */
import { Readable } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { fastTime } from '../../src/case/_fast.js'
import { parseCase, safeParseCase } from '../../src/case/parse.js'
import { serializeCase } from '../../src/case/serialize.js'
import { formatTime, parseTime } from '../../src/case/time.js'
import { FundtraceError } from '../../src/errors/index.js'
import { safeReadCaseStream } from '../../src/io/read-case.js'
import { importPoliceFeedback, importStatementCsv } from '../../src/io/statements/index.js'
import { toReport } from '../../src/report/index.js'
import { trace } from '../../src/trace/index.js'
import { validRaw, type RawObject } from '../case/_raw.js'
import { csv } from '../io/statements/_helpers.js'

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?[+-]\d{2}:\d{2}$/

describe('times before standard time and at the ends of the calendar (fuzz: serializeCase wrote "+08:5.716")', () => {
  it('an offset with seconds (local mean time, Shanghai +08:05:43 before 1901) is written as ±HH:MM of the same instant', () => {
    const instant = Date.parse('1900-01-01T00:00:00Z')
    for (const zone of ['Asia/Shanghai', 'Asia/Kolkata', 'America/New_York', 'Europe/Amsterdam']) {
      const text = formatTime(instant, zone)
      expect(text).toMatch(ISO_WITH_OFFSET)
      expect(parseTime(text, 'UTC')).toEqual({ ok: true, value: instant })
    }
    expect(formatTime(instant, 'Asia/Shanghai')).toBe('1900-01-01T08:06:00+08:06')
  })

  it('year 0000 is 1 BC to Intl: a local time in year 0 is read and written exactly, not years off', () => {
    const r = parseTime('0000-06-01T00:00:00', 'UTC')
    expect(r).toEqual({ ok: true, value: Date.parse('0000-06-01T00:00:00Z') })
    const shanghai = parseTime('0000-06-01T12:00:00', 'Asia/Shanghai')
    expect(shanghai.ok && new Date(shanghai.value).toISOString()).toBe('0000-06-01T03:54:17.000Z')
    // 0001-01-01T00:00Z is still 0000-12-31 in New York
    expect(formatTime(Date.parse('0001-01-01T00:00:00Z'), 'America/New_York')).toBe('0000-12-31T19:04:00-04:56')
  })

  it('instants some timezone cannot write with a four-digit year are refused, by the fast path too', () => {
    for (const text of ['9999-12-31T23:59:59-23:59', '9999-12-31T12:00:00Z', '0000-01-01T00:00:00Z', '0000-01-01T12:00:00+13:00']) {
      expect(parseTime(text, 'UTC')).toMatchObject({ ok: false, code: 'invalid_time', message: expect.stringContaining('outside the supported range') })
    }
    expect(fastTime('9999-12-31T23:59:59-23:59')).toBeUndefined()
    expect(parseTime('9999-12-30T23:59:59Z', 'UTC').ok).toBe(true)
    expect(parseTime('0000-01-02T00:00:00Z', 'UTC').ok).toBe(true)
  })

  it('a case with such times survives serializeCase → parseCase and gives a report whose times parse back', () => {
    const raw = validRaw()
    const transfers = raw.transfers as RawObject[]
    transfers[0]!.time = '0001-01-01T00:00:00Z'
    transfers[1]!.time = '0000-06-01T10:00'
    delete raw.asOf
    delete raw.reportedAt
    ;(raw.accounts as RawObject[])[0]!.statementThrough = '1900-01-01T00:00:00Z'
    const c = parseCase(raw)
    expect(parseCase(serializeCase(c))).toEqual(c)
    const report = toReport(trace(c, { method: 'fifo' }))
    for (const a of report.accounts) {
      expect(a.firstArrival).toMatch(ISO_WITH_OFFSET)
      expect(parseTime(a.firstArrival, 'UTC').ok).toBe(true)
    }
  })
})

describe('stream readers that stop early (fuzz: uncaught limit_exceeded killed the process)', () => {
  const uncaught: unknown[] = []
  const onUncaught = (error: unknown): void => { uncaught.push(error) }
  afterEach(() => {
    process.off('uncaughtException', onUncaught)
    uncaught.length = 0
  })

  async function* slowly(chunks: readonly string[]): AsyncGenerator<Buffer> {
    for (const chunk of chunks) {
      yield Buffer.from(chunk)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }

  it('an NDJSON header that rules out the rest, with maxFileBytes, then more data: one FundtraceError, nothing uncaught', async () => {
    process.on('uncaughtException', onUncaught)
    const result = await safeReadCaseStream(Readable.from(slowly(['{"format":"other"}\n', 'x'.repeat(200), 'y'.repeat(200)])), { format: 'ndjson', maxFileBytes: 40 })
    expect(result.success ? [] : result.error.issues.map((i) => i.code)).toEqual(['unsupported_format'])
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(uncaught).toEqual([])
  })

  it('the same for a CSV whose column row is refused', async () => {
    process.on('uncaughtException', onUncaught)
    const header = { format: 'fundtrace/case@1', caseId: 'C', caseType: 'telecom_fraud', currency: 'CNY', timezone: 'UTC', victims: [] }
    const result = await safeReadCaseStream(Readable.from(slowly(['nope,columns\r\n', 'x'.repeat(200), 'y'.repeat(200)])), { format: 'csv', header, maxFileBytes: 40 })
    expect(result.success).toBe(false)
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(uncaught).toEqual([])
  })
})

describe('statement rows whose ids a case file refuses (fuzz: an account "\\u0000" became a transfer)', () => {
  const HEAD = ['交易卡号', '交易时间', '交易金额', '收付标志', '交易对手账卡号', '交易流水号']

  it('an account or counterparty with a control character or over 256 characters is an invalid row at its column', () => {
    const stmt = importPoliceFeedback(csv([
      HEAD,
      ['A\u0000', '2026-03-14 10:00:00', '1.00', '出', 'B', 'S1'],
      ['A', '2026-03-14 10:01:00', '1.00', '出', 'B\u001bC', 'S2'],
      ['x'.repeat(300), '2026-03-14 10:02:00', '1.00', '出', 'B', 'S3'],
      ['A', '2026-03-14 10:03:00', '1.00', '出', 'B', 'S4'],
    ]))
    expect(stmt.invalid.map((r) => [r.row, r.column, r.code])).toEqual([
      [2, '交易卡号', 'schema'], [3, '交易对手账卡号', 'schema'], [4, '交易卡号', 'schema'],
    ])
    expect(stmt.invalid[0]!.message).toContain('control character U+0000')
    expect(stmt.transfers.map((t) => t.id)).toEqual(['S4'])
  })

  it('a serial that breaks the identifier rule is an invalid row at the serial column; accounts are NFC like case ids', () => {
    const stmt = importPoliceFeedback(csv([
      HEAD,
      ['A', '2026-03-14 10:00:00', '1.00', '出', 'B', 'S\u0007'],
      ['A', '2026-03-14 10:01:00', '1.00', '出', 'Jose\u0301', 'S'.repeat(257)],
      ['A', '2026-03-14 10:02:00', '1.00', '出', 'Jose\u0301', 'S2'],
    ]))
    expect(stmt.invalid.map((r) => [r.row, r.column, r.code])).toEqual([[2, '交易流水号', 'schema'], [3, '交易流水号', 'schema']])
    expect(stmt.transfers).toHaveLength(1)
    expect(stmt.transfers[0]!.to).toBe('Jos\u00e9')
    expect(stmt.rows).toBe(stmt.transfers.length + stmt.invalid.length + stmt.skipped.length)
  })

  it('a derived id over 256 characters (no serial, very long accounts) is an invalid row, not a transfer a case refuses', () => {
    const stmt = importStatementCsv(csv([['from', 'to', 'amount', 'time'], ['F'.repeat(200), 'T'.repeat(200), '1.00', '2026-03-14 10:00:00']]), {
      mapping: { from: 'from', to: 'to', amount: 'amount', time: 'time' },
    })
    expect(stmt.transfers).toEqual([])
    expect(stmt.invalid).toEqual([{ row: 2, column: 'from', code: 'schema', message: expect.stringContaining('longer than 256') }])
  })

  it('every imported transfer fits a case file', () => {
    const stmt = importPoliceFeedback(csv([HEAD, ['A', '2026-03-14 10:00:00', '1.00', '出', 'caf\u0065\u0301', 'S1'], ['A', '2026-03-14 10:00:00', '2.00', '进', 'B', '']]))
    const c = { format: 'fundtrace/case@1' as const, caseId: 'S', caseType: 'telecom_fraud' as const, currency: 'CNY', timezone: 'UTC', accounts: [], victims: [], transfers: stmt.transfers }
    expect(parseCase(serializeCase(c)).transfers).toEqual(stmt.transfers)
  })

  it('a cashAccount option that breaks the identifier rule is invalid_option', () => {
    expect(() => importPoliceFeedback(csv([HEAD]), { cashAccount: 'CASH\n1' })).toThrowError(expect.objectContaining({ issues: [expect.objectContaining({ code: 'invalid_option', path: ['cashAccount'] })] }))
  })
})

describe('statement cells with long runs of spaces (fuzz: 8 s for one 90 KB file)', () => {
  it('a 200,000-space cell followed by text is trimmed in linear time', () => {
    const padded = `A${' '.repeat(200_000)}"x`
    const started = performance.now()
    const stmt = importPoliceFeedback(csv([['交易卡号', '交易时间', '交易金额', '收付标志', '交易对手账卡号', '摘要说明'], ['A', '2026-03-14 10:00:00', '1.00', '出', 'B', padded]]))
    expect(performance.now() - started).toBeLessThan(1_000)
    expect(stmt.transfers).toHaveLength(1)
  })
})

describe('parse of the regressions as whole cases stays a FundtraceError', () => {
  it('a case with a time outside the range is refused with invalid_time at its path', () => {
    const raw = validRaw()
    ;(raw.transfers as RawObject[])[2]!.time = '9999-12-31T23:00:00Z'
    const r = safeParseCase(raw)
    expect(r.success ? [] : r.error.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['invalid_time', 'transfers.2.time']])
    expect(() => parseCase(raw)).toThrow(FundtraceError)
  })
})
