/**
 * The streamed readers keep transfers as columns (a LedgerBuilder), JSON keeps Transfer objects:
 * the CLI's report text must be byte for byte the same either way, and so must every issue.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { safeParseCase, type SafeParseCaseResult } from '../../src/case/parse.js'
import type { Issue } from '../../src/errors/index.js'
import { safeReadCaseFile, type ReadCaseOptions } from '../../src/io/read-case.js'
import { jsonChunks } from '../../src/io/write/json.js'
import { toReport, toReportAll } from '../../src/report/index.js'
import { METHODS } from '../../src/report/types.js'
import { compareMethods, trace } from '../../src/trace/index.js'
import { headerOf, toCsv, toNdjson, type RawObject } from '../case/_raw.js'

let dir: string
let fileNo = 0

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fundtrace-streamed-report-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** mulberry32: a small deterministic generator. */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const CHANNELS = ['mobile', 'online_banking', 'counter', 'atm', 'pos', 'third_party', 'other'] as const
const pad = (n: number, width: number): string => String(n).padStart(width, '0')
/** A local time on 2026-03-1x, minute resolution only: many transfers share a time (ties broken by id). */
const timeAt = (minute: number): string => `2026-03-${pad(10 + Math.floor(minute / 1440), 2)}T${pad(Math.floor((minute % 1440) / 60), 2)}:${pad(minute % 60, 2)}:00+08:00`

/**
 * A case of `n` transfers in random input order: victims paying mules, mules passing money on
 * (pending, counter withdrawals, amounts of every size), and noise between bystanders, with the
 * header's asOf cutting off the last transfers.
 */
function generatedCase(n: number, seed: number): RawObject {
  const random = rng(seed)
  const int = (k: number): number => Math.floor(random() * k)
  const mules = Array.from({ length: 60 }, (_, i) => `6222${pad(i, 12)}`)
  const bystanders = Array.from({ length: 400 }, (_, i) => `6217${pad(i, 12)}`)
  const victims = Array.from({ length: 6 }, (_, v) => ({ id: `V${v + 1}`, accounts: [`6228${pad(v, 12)}`, ...(v % 3 === 0 ? [`6229${pad(v, 12)}`] : [])], transfers: [] as string[] }))
  const transfers: RawObject[] = []
  const add = (from: string, to: string, minute: number, extra: RawObject = {}): string | undefined => {
    if (from === to) return undefined
    const id = `T${pad(transfers.length * 7919 % 100003, 6)}${int(4) === 0 ? 'é' : ''}`
    const cents = int(3) === 0 ? `.${pad(int(100), 2)}` : ''
    const amount = `${int(5) === 0 ? 1 + int(20_000_000) : 1 + int(90_000)}${cents}`
    const t: RawObject = { id, from, to, amount, time: timeAt(minute), ...extra }
    if (int(6) === 0) t.status = 'pending'
    if (int(3) === 0) t.channel = CHANNELS[int(CHANNELS.length)]!
    if (int(2) === 0) t.serial = `S${seed}-${transfers.length}`
    transfers.push(t)
    return id
  }
  for (const victim of victims) {
    for (let k = 0; k < 3 + int(4); k++) victim.transfers.push(add(victim.accounts[int(victim.accounts.length)]!, mules[int(10)]!, int(600))!)
  }
  while (transfers.length < n) {
    const r = int(10)
    if (r < 4) add(mules[int(mules.length)]!, int(2) === 0 ? mules[int(mules.length)]! : bystanders[int(bystanders.length)]!, 100 + int(2000))
    else if (r < 5) add(mules[int(mules.length)]!, `CASH-${int(5)}`, 100 + int(2000), { channel: 'atm' })
    else add(bystanders[int(bystanders.length)]!, int(5) === 0 ? mules[int(mules.length)]! : bystanders[int(bystanders.length)]!, int(2400))
  }
  // random input order
  for (let i = transfers.length - 1; i > 0; i--) {
    const j = int(i + 1)
    ;[transfers[i], transfers[j]] = [transfers[j]!, transfers[i]!]
  }
  return {
    format: 'fundtrace/case@1',
    caseId: `GEN-${seed}`,
    caseType: 'telecom_fraud',
    currency: 'CNY',
    timezone: 'Asia/Shanghai',
    asOf: timeAt(2200),
    accounts: [...mules.slice(0, 20).map((id, i) => ({ id, kind: 'bank', holder: `骡${i}`, openingBalance: `${int(5000)}.00` })), { id: 'CASH-0', kind: 'cash' }],
    victims,
    transfers,
  }
}

async function written(raw: RawObject): Promise<{ json: string; ndjson: string; csv: string }> {
  const base = join(dir, `${fileNo++}-case`)
  await writeFile(`${base}.json`, JSON.stringify(raw))
  await writeFile(`${base}.ndjson`, toNdjson(raw))
  await writeFile(`${base}.csv`, toCsv(raw, ['serial', 'id', 'time', 'from', 'to', 'amount', 'channel', 'status']))
  await writeFile(`${base}.csv.header.json`, JSON.stringify(headerOf(raw)))
  return { json: `${base}.json`, ndjson: `${base}.ndjson`, csv: `${base}.csv` }
}

/** The report text exactly as `fundtrace trace --format json [--evidence --flows]` prints it. */
function reportText(result: SafeParseCaseResult, method: (typeof METHODS)[number] | 'all', asOf: number | null | undefined, full: boolean): string {
  if (!result.success) throw result.error
  const options = { maxLevel: null, ...(asOf !== undefined ? { asOf } : {}) }
  const reportOptions = { evidence: full, flows: full }
  const report = method === 'all' ? toReportAll(compareMethods(result.data, options), reportOptions) : toReport(trace(result.data, { method, ...options }), reportOptions)
  return [...jsonChunks(report), '\n'].join('')
}

/** Issues without the reader's location (`line`, `row`, `column`). */
const unlocated = (issues: readonly Issue[]): Issue[] => issues.map(({ line: _l, row: _r, column: _c, ...rest }) => rest)

async function readAll(raw: RawObject, options: ReadCaseOptions): Promise<SafeParseCaseResult[]> {
  const files = await written(raw)
  const json = safeParseCase(raw, options)
  // the JSON file goes through readCaseFile as well (object path), the others are streamed
  return [json, await safeReadCaseFile(files.json, options), await safeReadCaseFile(files.ndjson, options), await safeReadCaseFile(files.csv, options)]
}

function expectSameOutcome(results: readonly SafeParseCaseResult[]): void {
  const [expected, ...others] = results
  for (const result of others) {
    expect(result.success).toBe(expected!.success)
    if (!expected!.success && !result.success) expect(unlocated(result.error.issues)).toEqual(unlocated(expected!.error.issues))
    if (expected!.success && result.success) {
      expect(result.data.transfers.length).toBe(expected!.data.transfers.length)
      expect(result.invalid.map((i) => ({ ...i, issues: unlocated(i.issues) }))).toEqual(expected!.invalid)
    }
  }
}

function expectSameReports(results: readonly SafeParseCaseResult[], runs: readonly { method: (typeof METHODS)[number] | 'all'; asOf?: number | null; full: boolean }[]): void {
  for (const run of runs) {
    const texts = results.map((r) => reportText(r, run.method, run.asOf, run.full))
    for (const text of texts.slice(1)) expect(text === texts[0], `${run.method} asOf ${String(run.asOf)}`).toBe(true)
  }
}

const cut = (minute: number): number => Date.parse(timeAt(minute))

describe('streamed (columnar) and JSON cases give byte-identical reports', () => {
  it('on a generated case of a few thousand transfers, for every method, asOf cut and report option', async () => {
    const raw = generatedCase(4000, 7)
    const results = await readAll(raw, {})
    expectSameOutcome(results)
    expect(results.every((r) => r.success && r.data.transfers.length === 4000)).toBe(true)
    const text = reportText(results[0]!, 'fifo', undefined, false)
    expect(JSON.parse(text).accounts.length).toBeGreaterThan(20)
    expectSameReports(results, [
      ...METHODS.map((method) => ({ method, full: true })),
      { method: 'fifo', full: false },
      { method: 'all', full: false },
      { method: 'fifo', asOf: null, full: true },
      { method: 'pro_rata', asOf: cut(700), full: true },
      { method: 'lifo', asOf: cut(1300), full: false },
    ])
  }, 60_000)

  it("with invalid rows left out under onInvalid: 'collect' (before, between and after valid ones)", async () => {
    const raw = generatedCase(3000, 11)
    const transfers = raw.transfers as RawObject[]
    const broken: [number, RawObject][] = [
      [0, { ...transfers[0]!, amount: 'lots' }],
      [5, { ...transfers[5]!, id: 'BAD-TIME', time: 'yesterday' }],
      [1200, { ...transfers[1200]!, channel: 'pigeon' }],
      [1201, { ...transfers[1201]!, id: '' }],
      [2999, { ...transfers[2999]!, amount: '-5' }],
    ]
    for (const [i, t] of broken) transfers[i] = t
    const results = await readAll(raw, { onInvalid: 'collect' })
    expectSameOutcome(results)
    expect(results.every((r) => r.success && r.invalid.length === broken.length)).toBe(true)
    expectSameReports(results, [{ method: 'fifo', full: true }, { method: 'victim_last', asOf: cut(900), full: true }, { method: 'all', full: false }])
  }, 60_000)

  it('reports duplicate ids the same way, whether the first is valid or invalid and after invalid rows shift the indexes', async () => {
    const raw = generatedCase(2000, 3)
    const transfers = raw.transfers as RawObject[]
    const id = (i: number): string => transfers[i]!.id as string
    transfers[10] = { ...transfers[10]!, amount: 'x' } // invalid: later indexes no longer match the kept ones
    transfers[40] = { ...transfers[40]!, id: id(30) } // valid duplicate of a valid transfer after the shift
    transfers[50] = { ...transfers[50]!, id: id(10) } // valid duplicate of an invalid one
    transfers[60] = { ...transfers[60]!, id: id(20), time: 'never' } // invalid duplicate of a valid one
    transfers[1999] = { ...transfers[1999]!, id: id(5) } // duplicate of a transfer before the shift
    for (const onInvalid of ['collect', 'throw'] as const) {
      const results = await readAll(raw, { onInvalid })
      expectSameOutcome(results)
      expect(results[0]!.success).toBe(false)
      if (!results[0]!.success) expect(results[0]!.error.issues.filter((i) => i.code === 'duplicate_id').map((i) => i.message.match(/transfers\[\d+\]/)?.[0])).toEqual(['transfers[30]', 'transfers[10]', 'transfers[20]', 'transfers[5]'])
    }
  }, 60_000)

  it('checks the transfers victims name the same way (unknown, invalid, not leaving the victim, claimed twice)', async () => {
    const raw = generatedCase(1500, 5)
    const transfers = raw.transfers as RawObject[]
    const victims = raw.victims as { id: string; accounts: string[]; transfers: string[] }[]
    const invalidAt = transfers.findIndex((t) => t.id === victims[0]!.transfers[0])
    transfers[invalidAt] = { ...transfers[invalidAt]!, time: 'soon' }
    const bystander = transfers.find((t) => typeof t.from === 'string' && t.from.startsWith('6217'))!.id as string
    victims[1]!.transfers.push('NO-SUCH-TRANSFER', bystander)
    victims[2]!.transfers.push(victims[3]!.transfers[0]!)
    for (const onInvalid of ['collect', 'throw'] as const) {
      const results = await readAll(raw, { onInvalid })
      expectSameOutcome(results)
      expect(results[0]!.success).toBe(false)
      if (!results[0]!.success) expect(new Set(results[0]!.error.issues.map((i) => i.code))).toContain('not_victim_transfer')
    }
    // the victims' own checks alone: the invalid transfer named, under collect
    victims[1]!.transfers.splice(-2)
    victims[2]!.transfers.pop()
    const results = await readAll(raw, { onInvalid: 'collect' })
    expectSameOutcome(results)
    if (!results[0]!.success) expect(results[0]!.error.issues.map((i) => i.code)).toEqual(['unknown_transfer'])
  }, 60_000)
})
