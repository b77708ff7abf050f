/**
 * Regression of the issue-7 fuzzing (CLI target): `fundtrace trace case.jsonl --header missing.json`
 * reported io_error, but the data file's read stream was already opening; when the file was gone
 * by then, the stream's own ENOENT error had no listener and killed the process. The stream is now
 * opened only once the header has been read.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

const opened: string[] = []
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>()
  return {
    ...fs,
    createReadStream: ((path: string, options?: unknown) => {
      opened.push(String(path))
      return fs.createReadStream(path, options as Parameters<typeof fs.createReadStream>[1])
    }) as typeof fs.createReadStream,
  }
})

const { safeReadCaseFile } = await import('../../src/io/read-case.js')

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fundtrace-regression-fs-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('a header that cannot be read opens no stream on the data file', () => {
  it('NDJSON with --header missing.json, and CSV without its .header.json', async () => {
    const ndjson = join(dir, 'case.jsonl')
    const csv = join(dir, 'case.csv')
    await writeFile(ndjson, '{"id":"T1"}\n')
    await writeFile(csv, 'id,from,to,amount,time\n')
    opened.length = 0
    const a = await safeReadCaseFile(ndjson, { header: join(dir, 'missing.json') })
    const b = await safeReadCaseFile(csv)
    expect([a, b].map((r) => (r.success ? 'ok' : r.error.issues.map((i) => i.code).join()))).toEqual(['io_error', 'io_error'])
    expect(opened).toEqual([])
  })

  it('the data file is opened once the header is there', async () => {
    const ndjson = join(dir, 'case2.jsonl')
    await writeFile(ndjson, '')
    await writeFile(join(dir, 'header.json'), JSON.stringify({ format: 'fundtrace/case@1', caseId: 'C', caseType: 'telecom_fraud', currency: 'CNY', timezone: 'UTC', victims: [] }))
    opened.length = 0
    const r = await safeReadCaseFile(ndjson, { header: join(dir, 'header.json') })
    expect(r.success).toBe(true)
    expect(opened).toEqual([ndjson])
  })
})
