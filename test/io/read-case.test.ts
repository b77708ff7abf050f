import fc from 'fast-check'
import { mkdtemp, mkdir, open, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCase, safeParseCase } from '../../src/case/parse.js'
import type { Issue } from '../../src/errors/index.js'
import { MAX_JSON_FILE_BYTES, readCaseFile, readCaseStream, safeReadCaseFile, safeReadCaseStream, type ReadCaseOptions } from '../../src/io/read-case.js'
import { headerOf, rawCaseArb, toCsv, toNdjson, validRaw, type Json, type RawObject } from '../case/_raw.js'

let dir: string
let fileNo = 0

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fundtrace-read-case-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function file(name: string, content: string): Promise<string> {
  const path = join(dir, `${fileNo++}-${name}`)
  await writeFile(path, content)
  return path
}

async function csvCase(raw: RawObject, columns?: readonly string[]): Promise<string> {
  const path = await file('case.csv', toCsv(raw, columns))
  await writeFile(`${path}.header.json`, JSON.stringify(headerOf(raw), null, 1))
  return path
}

async function issuesOfFile(path: string, options?: ReadCaseOptions): Promise<Issue[]> {
  const result = await safeReadCaseFile(path, options)
  if (result.success) throw new Error(`expected ${path} to fail`)
  return [...result.error.issues]
}

/** `code @ path` plus the location, for compact assertions. */
function where(issues: readonly Issue[]): string[] {
  return issues.map((i) => `${i.code} @ ${i.path.join('.')}${i.line !== undefined ? ` line ${i.line}` : ''}${i.row !== undefined ? ` row ${i.row}` : ''}${i.column !== undefined ? ` column ${i.column}` : ''}`)
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = (seed * 7919 + i * 104729) % (i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

const COLUMNS = ['id', 'from', 'to', 'amount', 'time', 'status', 'channel', 'serial'] as const

describe('JSON, NDJSON and CSV give the same Case', () => {
  it('for generated cases (hostile ids, NFC, quoted CSV cells, every optional field shape)', async () => {
    await fc.assert(fc.asyncProperty(rawCaseArb, fc.nat(1000), async (raw, seed) => {
      const expected = parseCase(raw)
      const json = await readCaseFile(await file('case.json', JSON.stringify(raw)))
      const ndjson = await readCaseFile(await file('case.ndjson', toNdjson(raw)))
      const csv = await readCaseFile(await csvCase(raw, shuffled(COLUMNS, seed)))
      expect(json).toEqual(expected)
      expect(ndjson).toEqual(expected)
      expect(csv).toEqual(expected)
    }), { numRuns: 25 })
  })

  it('for the example case, also through streams and with a separate NDJSON header', async () => {
    const raw = validRaw()
    const expected = parseCase(raw)
    expect(await readCaseStream(Readable.from([JSON.stringify(raw)]), { format: 'json' })).toEqual(expected)
    expect(await readCaseStream(Readable.from([toNdjson(raw)]), { format: 'ndjson' })).toEqual(expected)
    const lines = (raw.transfers as Json[]).map((t) => JSON.stringify(t)).join('\n')
    expect(await readCaseStream(Readable.from([lines]), { format: 'ndjson', header: headerOf(raw) })).toEqual(expected)
    const headerPath = await file('header.json', JSON.stringify(headerOf(raw)))
    expect(await readCaseFile(await file('transfers.jsonl', lines), { header: headerPath })).toEqual(expected)
    expect(await readCaseStream(Readable.from([toCsv(raw)]), { format: 'csv', header: headerPath })).toEqual(expected)
    expect(await readCaseFile(await file('case.csv', toCsv(raw)), { header: headerPath })).toEqual(expected)
  })

  it('survives chunk boundaries inside multi-byte characters and CRLF line ends', async () => {
    const raw = validRaw()
    const bytes = Buffer.from(toNdjson(raw).replace(/\n/g, '\r\n'))
    const chunks = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) => bytes.subarray(i * 7, i * 7 + 7))
    expect(await readCaseStream(Readable.from(chunks), { format: 'ndjson' })).toEqual(parseCase(raw))
  })

  it('JSON and NDJSON report the same issues for mutated transfers (NDJSON adds the line)', async () => {
    const valueArb = fc.constantFrom<Json>('', ' T1', 'T2', '1.001', '0', '-1', 5, 0.5, null, true, '2026-03-14', '2026-03-14T10:00', 'pending', 'pigeon', '6217000010001234')
    const fieldArb = fc.constantFrom('id', 'from', 'to', 'amount', 'time', 'status', 'channel', 'serial', 'extra')
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(fc.nat(3), fieldArb, valueArb), { minLength: 1, maxLength: 4 }), async (mutations) => {
      const raw = validRaw()
      const transfers = raw.transfers as RawObject[]
      for (const [index, field, value] of mutations) transfers[index]![field] = value
      const fromJson = safeParseCase(raw, { onInvalid: 'collect' })
      const fromNdjson = await safeReadCaseStream(Readable.from([toNdjson(raw)]), { format: 'ndjson', onInvalid: 'collect' })
      expect(fromNdjson.success).toBe(fromJson.success)
      const strip = (issues: readonly Issue[]) => issues.map(({ line: _line, ...rest }) => rest)
      if (fromJson.success && fromNdjson.success) {
        expect(fromNdjson.data).toEqual(fromJson.data)
        expect(fromNdjson.invalid.map((i) => ({ ...i, issues: strip(i.issues) }))).toEqual(fromJson.invalid)
        for (const invalid of fromNdjson.invalid) for (const issue of invalid.issues) expect(issue.line).toBe(invalid.index + 2)
      } else if (!fromJson.success && !fromNdjson.success) {
        expect(strip(fromNdjson.error.issues)).toEqual(fromJson.error.issues)
      }
    }), { numRuns: 150 })
  })
})

describe('NDJSON errors carry the line', () => {
  const header = JSON.stringify(headerOf(validRaw()))
  const t = (fields: RawObject) => JSON.stringify({ from: 'P', to: 'Q', time: '2026-03-14T10:00', amount: '1', ...fields })
  const good = (validRaw().transfers as Json[]).map((x) => JSON.stringify(x))

  it('a bad field at line N has path [transfers, i, field]; blank lines count as lines but not as transfers', async () => {
    const path = await file('bad.ndjson', [header, ...good, '', t({ id: 'T5', amount: '1.001' }), '   ', '{oops', t({ id: 'T1' })].join('\n'))
    expect(where(await issuesOfFile(path))).toEqual([
      'amount_precision @ transfers.4.amount line 7',
      'invalid_json @ transfers.5 line 9',
      'duplicate_id @ transfers.6.id line 10',
    ])
  })

  it('header issues and victim cross-checks are on line 1', async () => {
    const raw = validRaw()
    ;(raw.victims as RawObject[])[0]!.transfers = ['T1', 'T404']
    const path = await file('victims.ndjson', toNdjson({ ...raw, currency: 'XXX' }))
    expect(where(await issuesOfFile(path))).toEqual(['unsupported_currency @ currency line 1', 'unknown_transfer @ victims.0.transfers.1 line 1'])
  })

  it('a header that is not JSON, another format, contains transfers, or is missing', async () => {
    expect(where(await issuesOfFile(await file('a.ndjson', `{"format":\n${good[0]}`)))).toEqual(['invalid_json @  line 1'])
    expect(where(await issuesOfFile(await file('b.ndjson', `{"format":"other"}\n${good[0]}`)))).toEqual(['unsupported_format @ format line 1'])
    expect(where(await issuesOfFile(await file('c.ndjson', `${JSON.stringify({ ...headerOf(validRaw()), transfers: [] })}\n${good.join('\n')}`)))).toEqual(['schema @ transfers line 1'])
    expect(where(await issuesOfFile(await file('d.ndjson', '')))).toEqual(['schema @  line 1'])
  })

  it('collect mode counts unparseable lines as invalid transfers', async () => {
    const path = await file('collect.ndjson', [header, ...good, 'nope', t({ id: 'T6', amount: '0' })].join('\n'))
    const result = await safeReadCaseFile(path, { onInvalid: 'collect' })
    if (!result.success) throw result.error
    expect(result.data.transfers).toHaveLength(4)
    expect(result.invalid.map((i) => [i.index, i.raw, i.issues[0]?.code, i.issues[0]?.line])).toEqual([
      [4, 'nope', 'invalid_json', 6],
      [5, { id: 'T6', from: 'P', to: 'Q', time: '2026-03-14T10:00', amount: '0' }, 'amount_not_positive', 7],
    ])
  })

  it('maxTransfers stops reading at the first transfer over the limit', async () => {
    const path = await file('many.ndjson', [header, ...good, 'garbage after the limit'].join('\n'))
    expect(where(await issuesOfFile(path, { maxTransfers: 2 }))).toEqual(['limit_exceeded @ transfers line 4'])
  })
})

describe('CSV errors carry the row and column', () => {
  const raw = validRaw()

  it('a bad cell names its row (column row = 1) and column', async () => {
    const path = await csvCase(raw)
    const csv = toCsv(raw).trimEnd().split('\r\n')
    csv.push('T5,P,Q,12.345,2026-03-14T10:00,,,', 'T6,P,Q,1,2026-03-14,done,,', 'T1,P,Q,1,2026-03-14T10:00,,,')
    await writeFile(path, csv.join('\n'))
    expect(where(await issuesOfFile(path))).toEqual([
      'amount_precision @ transfers.4.amount row 6 column amount',
      'invalid_time @ transfers.5.time row 7 column time',
      'schema @ transfers.5.status row 7 column status',
      'duplicate_id @ transfers.6.id row 8 column id',
    ])
  })

  it('a row with the wrong number of cells is a schema issue at that row', async () => {
    const path = await csvCase(raw)
    await writeFile(path, `${toCsv(raw)}T9,P,Q\r\n`)
    expect(where(await issuesOfFile(path))).toEqual(['schema @ transfers.4 row 6'])
  })

  it('unknown, repeated and missing columns are reported on row 1', async () => {
    const path = await csvCase(raw)
    await writeFile(path, 'id,from,to,Amount,time,from\nT1,A,B,1,2026-03-14T10:00,A\n')
    expect(where(await issuesOfFile(path))).toEqual([
      'schema @  row 1 column Amount',
      'schema @  row 1 column from',
      'schema @  row 1 column amount',
    ])
  })

  it('malformed CSV is invalid_csv at the row where it breaks', async () => {
    const path = await csvCase(raw)
    await writeFile(path, `${toCsv(raw)}"T9,P,Q,1,2026-03-14T10:00,,,\n`)
    expect(where(await issuesOfFile(path))).toEqual(['invalid_csv @  row 6'])
  })

  it('optional columns may be left out entirely and columns come in any order', async () => {
    const path = await csvCase(raw, ['time', 'amount', 'to', 'from', 'id'])
    const c = await readCaseFile(path)
    expect(c.transfers.map((t) => [t.id, t.status, t.channel])).toEqual([['T1', 'posted', undefined], ['T2', 'posted', undefined], ['T3', 'posted', undefined], ['T4', 'posted', undefined]])
  })

  it('the header comes from FILE.header.json, or the header option; a missing one is io_error', async () => {
    const path = await file('orphan.csv', toCsv(raw))
    expect(where(await issuesOfFile(path))).toEqual(['io_error @ '])
    expect((await issuesOfFile(path))[0]?.message).toContain('orphan.csv.header.json')
    const headerPath = await file('h.json', JSON.stringify(headerOf(raw)))
    expect((await readCaseFile(path, { header: headerPath })).transfers).toHaveLength(4)
    const badHeader = await file('bad-h.json', JSON.stringify({ ...headerOf(raw), timezone: 'Nowhere/Land' }))
    expect(where(await issuesOfFile(path, { header: badHeader }))).toEqual(['invalid_timezone @ timezone'])
  })

  it('collect mode: valid + invalid rows = data rows', async () => {
    const path = await csvCase(raw)
    await writeFile(path, `${toCsv(raw)}T5,P,Q,0,2026-03-14T10:00,,,\r\nT6,P\r\nT7,P,Q,2,2026-03-14T10:00,,,\r\n`)
    const result = await safeReadCaseFile(path, { onInvalid: 'collect' })
    if (!result.success) throw result.error
    expect(result.data.transfers.map((t) => t.id)).toEqual(['T1', 'T2', 'T3', 'T4', 'T7'])
    expect(result.invalid.map((i) => [i.index, i.issues[0]?.row])).toEqual([[4, 6], [5, 7]])
  })
})

describe('files, limits and I/O', () => {
  it('a JSON file over 400 MiB is limit_exceeded with advice to use NDJSON or CSV, without reading it', async () => {
    const path = join(dir, 'huge.json')
    const handle = await open(path, 'w')
    await handle.truncate(MAX_JSON_FILE_BYTES + 1) // sparse: no disk used
    await handle.close()
    const issues = await issuesOfFile(path)
    expect(where(issues)).toEqual(['limit_exceeded @ '])
    expect(issues[0]?.message).toMatch(/NDJSON/)
  })

  it('maxFileBytes applies to files and to streams', async () => {
    const text = toNdjson(validRaw())
    expect(where(await issuesOfFile(await file('big.ndjson', text), { maxFileBytes: 100 }))).toEqual(['limit_exceeded @ '])
    expect(where(await issuesOfFile(await file('big.json', JSON.stringify(validRaw())), { maxFileBytes: 100 }))).toEqual(['limit_exceeded @ '])
    const streamed = await safeReadCaseStream(Readable.from(Array.from(text, (ch) => ch)), { format: 'ndjson', maxFileBytes: 200 })
    expect(streamed.success ? [] : where(streamed.error.issues)).toEqual(['limit_exceeded @ '])
    const json = await safeReadCaseStream(Readable.from([JSON.stringify(validRaw())]), { format: 'json', maxFileBytes: 10 })
    expect(json.success ? [] : where(json.error.issues)).toEqual(['limit_exceeded @ '])
    expect((await readCaseFile(await file('ok.ndjson', text), { maxFileBytes: Buffer.byteLength(text) })).transfers).toHaveLength(4)
  })

  it('a missing file or a directory is io_error; an unknown extension is unsupported_format', async () => {
    expect(where(await issuesOfFile(join(dir, 'nope.json')))).toEqual(['io_error @ '])
    const sub = join(dir, 'a-dir.ndjson')
    await mkdir(sub)
    expect(where(await issuesOfFile(sub))).toEqual(['io_error @ '])
    expect(where(await issuesOfFile(await file('case.txt', '{}')))).toEqual(['unsupported_format @ '])
  })

  it('invalid JSON in a file is invalid_json; bad options are invalid_option', async () => {
    expect(where(await issuesOfFile(await file('broken.json', '{"format": ')))).toEqual(['invalid_json @ '])
    expect(where(await issuesOfFile(await file('x.json', '{}'), { header: 'h.json' }))).toEqual(['invalid_option @ header'])
    expect(where(await issuesOfFile(await file('y.ndjson', ''), { maxFileBytes: -5 }))).toEqual(['invalid_option @ maxFileBytes'])
    const csv = await safeReadCaseStream(Readable.from(['id\n']), { format: 'csv' })
    expect(csv.success ? [] : where(csv.error.issues)).toEqual(['invalid_option @ header'])
  })

  it('readCaseFile rejects with the FundtraceError', async () => {
    await expect(readCaseFile(join(dir, 'missing.ndjson'))).rejects.toMatchObject({ name: 'FundtraceError', issues: [{ code: 'io_error' }] })
  })
})
