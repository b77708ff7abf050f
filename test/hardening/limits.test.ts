/**
 * Issue 7 — resource limits. `maxTransfers`, `maxAccounts`, `maxVictims` and `maxFileBytes` give
 * one `limit_exceeded` issue with a clear message, whatever the format (JSON, NDJSON, CSV; value,
 * file or stream), before the rest is validated; and the CLI's `--max-transfers` /
 * `--max-file-bytes` refuse with exit 2, the issue on stderr and nothing on stdout.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable, Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { safeParseCase, type SafeParseCaseResult } from '../../src/case/parse.js'
import { run } from '../../src/cli/run.js'
import type { Issue } from '../../src/errors/index.js'
import { safeReadCaseFile, safeReadCaseStream } from '../../src/io/read-case.js'
import { headerOf, toCsv, toNdjson, validRaw, type Json, type RawObject } from '../case/_raw.js'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fundtrace-limits-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** validRaw() with `n` transfers (the first four are the example's; the rest are plain moves). */
function caseWith(n: number, accounts = 2, victims = 2): RawObject {
  const raw = validRaw()
  const transfers = raw.transfers as RawObject[]
  for (let i = transfers.length; i < n; i++) transfers.push({ id: `X${i}`, from: 'M1', to: 'M2', amount: '1.00', time: '2026-03-14T12:00:00+08:00' })
  transfers.length = Math.min(transfers.length, n)
  const accountList = raw.accounts as RawObject[]
  for (let i = accountList.length; i < accounts; i++) accountList.push({ id: `ACC${i}` })
  const victimList = raw.victims as RawObject[]
  for (let i = victimList.length; i < victims; i++) victimList.push({ id: `VX${i}`, accounts: [`VXA${i}`], transfers: [] })
  return raw
}

/** The one issue of a refused result. */
function onlyIssue(result: SafeParseCaseResult): Issue {
  if (result.success) throw new Error('expected a refusal')
  expect(result.error.issues).toHaveLength(1)
  return result.error.issues[0]!
}

async function file(name: string, content: string): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, content)
  return path
}

/** The case in every form: value, JSON text, JSON/NDJSON/CSV streams and files. */
async function everyForm(raw: RawObject, options: Record<string, unknown>): Promise<Record<string, SafeParseCaseResult>> {
  const header = headerOf(raw)
  const tag = Math.random().toString(36).slice(2)
  const csvPath = await file(`${tag}.csv`, toCsv(raw))
  await writeFile(`${csvPath}.header.json`, JSON.stringify(header))
  return {
    value: safeParseCase(raw, options),
    text: safeParseCase(JSON.stringify(raw), options),
    'json stream': await safeReadCaseStream(Readable.from([JSON.stringify(raw)]), { format: 'json', ...options }),
    'ndjson stream': await safeReadCaseStream(Readable.from([toNdjson(raw)]), { format: 'ndjson', ...options }),
    'csv stream': await safeReadCaseStream(Readable.from([toCsv(raw)]), { format: 'csv', header: header as Record<string, Json>, ...options }),
    'json file': await safeReadCaseFile(await file(`${tag}.json`, JSON.stringify(raw)), options),
    'ndjson file': await safeReadCaseFile(await file(`${tag}.ndjson`, toNdjson(raw)), options),
    'csv file': await safeReadCaseFile(csvPath, options),
  }
}

describe('maxTransfers', () => {
  it('one limit_exceeded at transfers in every format, naming the limit and the option; NDJSON on the first line over it, CSV on its row', async () => {
    const results = await everyForm(caseWith(12), { maxTransfers: 10 })
    for (const [form, result] of Object.entries(results)) {
      const issue = onlyIssue(result)
      expect({ form, code: issue.code, path: issue.path }).toEqual({ form, code: 'limit_exceeded', path: ['transfers'] })
      expect(issue.message).toBe('the case has more than 10 transfers, the limit (option maxTransfers, --max-transfers on the command line)')
      if (form.startsWith('ndjson')) expect(issue.line).toBe(12) // header line 1, transfer 11 on line 12
      if (form.startsWith('csv')) expect(issue.row).toBe(12) // column row 1, transfer 11 on row 12
    }
  })

  it('exactly at the limit is fine', async () => {
    for (const [form, result] of Object.entries(await everyForm(caseWith(10), { maxTransfers: 10 }))) expect({ form, ok: result.success }).toEqual({ form, ok: true })
  })

  it('is checked before validation: invalid transfers beyond the limit add no issues, and invalid ones count too', async () => {
    const raw = caseWith(6)
    for (const t of (raw.transfers as RawObject[]).slice(4)) t.amount = 'not an amount'
    for (const [form, result] of Object.entries(await everyForm(raw, { maxTransfers: 5, onInvalid: 'collect' }))) {
      expect({ form, code: onlyIssue(result).code }).toEqual({ form, code: 'limit_exceeded' })
    }
  })

  it('an unreadable NDJSON line after the limit is never read', async () => {
    const text = `${toNdjson(caseWith(5))}{"id": broken\n`
    const issue = onlyIssue(await safeReadCaseStream(Readable.from([text]), { format: 'ndjson', maxTransfers: 5 }))
    expect([issue.code, issue.line]).toEqual(['limit_exceeded', 7])
  })
})

describe('maxAccounts and maxVictims', () => {
  it('one limit_exceeded per list, with the count and the limit, in every format (the header of NDJSON on line 1)', async () => {
    const results = await everyForm(caseWith(4, 5, 3), { maxAccounts: 4, maxVictims: 2 })
    for (const [form, result] of Object.entries(results)) {
      if (result.success) throw new Error(`${form} accepted too many accounts`)
      expect({ form, issues: result.error.issues.map((i) => [i.code, i.path.join('.'), i.message]) }).toEqual({
        form,
        issues: [
          ['limit_exceeded', 'accounts', 'the case has 5 accounts; the limit is 4 (option maxAccounts)'],
          ['limit_exceeded', 'victims', 'the case has 3 victims; the limit is 2 (option maxVictims)'],
        ],
      })
      if (form.startsWith('ndjson')) for (const i of result.error.issues) expect(i.line).toBe(1)
    }
  })

  it('the accounts are not validated when there are too many', () => {
    const raw = caseWith(4, 3)
    ;(raw.accounts as RawObject[])[2]!.openingBalance = 'lots'
    expect(onlyIssue(safeParseCase(raw, { maxAccounts: 2 })).code).toBe('limit_exceeded')
  })
})

describe('maxFileBytes', () => {
  it('JSON, NDJSON and CSV streams and files over the limit: limit_exceeded with the limit in bytes and the advice', async () => {
    const raw = caseWith(40)
    for (const [form, result] of Object.entries(await everyForm(raw, { maxFileBytes: 1000 }))) {
      if (form === 'value' || form === 'text') continue // maxFileBytes is a reader option
      const issue = onlyIssue(result)
      expect({ form, code: issue.code, path: issue.path }).toEqual({ form, code: 'limit_exceeded', path: [] })
      expect(issue.message).toMatch(/is larger than 1000 bytes; raise maxFileBytes \(--max-file-bytes\)/)
    }
  })

  it('a limit the input fits in changes nothing', async () => {
    const raw = caseWith(4)
    for (const [form, result] of Object.entries(await everyForm(raw, { maxFileBytes: 100_000 }))) expect({ form, ok: result.success }).toEqual({ form, ok: true })
  })

  it('streams are cut as they arrive: an endless stream ends in limit_exceeded, not in memory exhaustion', async () => {
    let sent = 0
    const endless = new Readable({
      read() {
        sent++
        this.push(sent === 1 ? `${JSON.stringify(headerOf(caseWith(1)))}\n` : `${JSON.stringify({ id: `T${sent}`, from: 'A', to: 'B', amount: '1', time: '2026-03-14T10:00:00Z' })}\n`)
      },
    })
    const issue = onlyIssue(await safeReadCaseStream(endless, { format: 'ndjson', maxFileBytes: 100_000 }))
    expect(issue.code).toBe('limit_exceeded')
    expect(sent).toBeLessThan(5_000)
  })

  it('bad limits are invalid_option', async () => {
    for (const maxFileBytes of [0, -1, 1.5, Number.NaN]) {
      const r = await safeReadCaseStream(Readable.from(['{}']), { format: 'json', maxFileBytes })
      expect(r.success ? [] : r.error.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['invalid_option', 'maxFileBytes']])
    }
    for (const maxTransfers of [-1, 1.5, Number.NaN]) {
      expect(onlyIssue(safeParseCase(caseWith(4), { maxTransfers })).code).toBe('invalid_option')
    }
  })
})

class Sink extends Writable {
  text = ''
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.text += chunk.toString('utf8')
    callback()
  }
}

async function cli(argv: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Sink()
  const stderr = new Sink()
  const code = await run(argv, { stdout, stderr, stdin: Readable.from([Buffer.from(stdin)]), cwd: dir })
  return { code, stdout: stdout.text, stderr: stderr.text }
}

describe('the CLI: --max-transfers and --max-file-bytes', () => {
  it('--max-transfers refuses JSON and NDJSON on stdin and a CSV file: exit 2, the issue on stderr, nothing on stdout', async () => {
    const raw = caseWith(8)
    const csvPath = await file('cli.csv', toCsv(raw))
    await writeFile(`${csvPath}.header.json`, JSON.stringify(headerOf(raw)))
    const runs = [
      await cli(['trace', '-', '--max-transfers', '5'], JSON.stringify(raw)),
      await cli(['trace', '-', '--input-format', 'ndjson', '--max-transfers', '5'], toNdjson(raw)),
      await cli(['trace', 'cli.csv', '--max-transfers', '5']),
    ]
    for (const r of runs) {
      expect([r.code, r.stdout]).toEqual([2, ''])
      expect(r.stderr).toMatch(/^fundtrace: limit_exceeded at (transfers|line 7|row 7): the case has more than 5 transfers, the limit \(option maxTransfers, --max-transfers on the command line\)\n$/)
    }
  })

  it('--max-transfers at or above the size of the case traces it', async () => {
    const r = await cli(['trace', '-', '--max-transfers', '8'], JSON.stringify(caseWith(8)))
    expect([r.code, r.stderr]).toEqual([0, ''])
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'fundtrace/report@1' })
  })

  it('--max-file-bytes refuses a file and an NDJSON stdin larger than the limit', async () => {
    const raw = caseWith(30)
    await file('big.ndjson', toNdjson(raw))
    for (const r of [await cli(['trace', 'big.ndjson', '--max-file-bytes', '500']), await cli(['trace', '-', '--input-format', 'ndjson', '--max-file-bytes', '500'], toNdjson(raw))]) {
      expect([r.code, r.stdout]).toEqual([2, ''])
      expect(r.stderr).toMatch(/^fundtrace: limit_exceeded: .*larger than 500 bytes/)
    }
  })

  it('bad values of the options are usage errors (exit 2, invalid_option, nothing on stdout)', async () => {
    for (const value of ['0', '-1', 'many', '1e3', '']) {
      for (const flag of ['--max-transfers', '--max-file-bytes']) {
        const r = await cli(['trace', '-', flag, value], JSON.stringify(caseWith(4)))
        expect([r.code, r.stdout]).toEqual([2, ''])
        expect(r.stderr).toMatch(/^fundtrace: invalid_option\b/)
        expect(r.stderr).toContain(value.startsWith('-') ? `Option '${flag}' argument is ambiguous` : `fundtrace: invalid_option at ["${flag.slice(2)}"]: ${flag} must be a positive integer`)
      }
    }
  })
})
