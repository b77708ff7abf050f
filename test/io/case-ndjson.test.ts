import fc from 'fast-check'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { assembleOptions, CaseAssembler } from '../../src/case/_assemble.js'
import type { ParseCaseOptions, SafeParseCaseResult } from '../../src/case/parse.js'
import type { Issue } from '../../src/errors/index.js'
import { safeReadCaseStream } from '../../src/io/read-case.js'
import { mutatedCaseArb } from '../case/_mutate.js'
import { headerOf, rawCaseArb, type Json } from '../case/_raw.js'

/**
 * The reference: the text cut into lines as `node:readline` cuts it (LF, CR LF, lone CR), each
 * line decoded and parsed with `JSON.parse` and fed to the assembler as an object.
 */
function referenceRead(text: string, options: ParseCaseOptions): SafeParseCaseResult {
  const assembler = new CaseAssembler({ ...assembleOptions(options), columnar: true })
  const lines = text === '' ? [] : text.split(/\r\n|\n|\r/)
  if (/(\r\n|\n|\r)$/.test(text)) lines.pop()
  let number = 0
  const locate = (issue: Issue): Issue => ({ ...issue, line: number })
  for (const raw of lines) {
    number++
    const line = number === 1 && raw.startsWith('\ufeff') ? raw.slice(1) : raw
    if (number === 1) {
      let header: unknown
      try {
        header = JSON.parse(line)
      } catch (error) {
        assembler.readerIssue({ code: 'invalid_json', message: `line 1 must be the case header as JSON: ${(error as Error).message}`, path: [], line: 1 })
        return assembler.finish()
      }
      if (!assembler.header(header, 'header', (issue) => ({ ...issue, line: 1 }))) return assembler.finish()
      continue
    }
    if (/^[ \t\r]*$/.test(line)) continue
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch (error) {
      assembler.unreadableTransfer(line, 'invalid_json', `line ${number} is not a JSON transfer: ${(error as Error).message}`, locate)
      continue
    }
    assembler.transfer(value, locate)
  }
  if (number === 0) assembler.readerIssue({ code: 'schema', message: 'the NDJSON case is empty: line 1 must be the case header', path: [], line: 1 })
  return assembler.finish()
}

function outcome(result: SafeParseCaseResult): unknown {
  return result.success ? { success: true, data: result.data, invalid: result.invalid } : { success: false, issues: result.error.issues }
}

/** Runs a function that may throw a FundtraceError (a limit) as the readers report it. */
function settle(read: () => SafeParseCaseResult): unknown {
  try {
    return outcome(read())
  } catch (error) {
    return { success: false, issues: (error as { issues: unknown }).issues }
  }
}

const styleArb = fc.record({
  breaks: fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 3 }),
  blankEvery: fc.integer({ min: 0, max: 4 }),
  pad: fc.constantFrom('', ' ', '\t '),
  bom: fc.boolean(),
  finalBreak: fc.boolean(),
  cuts: fc.array(fc.nat(), { maxLength: 6 }),
})
type Style = typeof styleArb extends fc.Arbitrary<infer T> ? T : never

/** A case value as NDJSON lines, laid out in the given style. */
function ndjsonOf(value: Json, style: Style): string {
  const isCase = value !== null && typeof value === 'object' && !Array.isArray(value) && Array.isArray(value.transfers)
  const lines = isCase ? [JSON.stringify(headerOf(value)), ...(value.transfers as Json[]).map((t) => style.pad + JSON.stringify(t) + style.pad)] : [JSON.stringify(value)]
  const withBlanks = lines.flatMap((line, i) => (style.blankEvery > 0 && i > 0 && i % style.blankEvery === 0 ? [style.pad, line] : [line]))
  const text = withBlanks.map((line, i) => line + (i < withBlanks.length - 1 || style.finalBreak ? style.breaks[i % style.breaks.length]! : '')).join('')
  return (style.bom ? '\ufeff' : '') + text
}

/** The bytes of `text` in chunks cut at the given places (inside characters and CR LF pairs too). */
function chunksOf(text: string, cuts: readonly number[]): Buffer[] {
  const bytes = Buffer.from(text)
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)
  return [0, ...at].map((start, i) => bytes.subarray(start, at[i] ?? bytes.length)).filter((chunk) => chunk.length > 0)
}

const optionsArb = fc.constantFrom<ParseCaseOptions>({}, { onInvalid: 'collect' }, { maxTransfers: 3 })

describe('the NDJSON reader', () => {
  it('reads a valid case in any line-break style and chunking as the line-by-line reference', async () => {
    await fc.assert(fc.asyncProperty(rawCaseArb, styleArb, async (raw, style) => {
      const text = ndjsonOf(raw, style)
      const result = await safeReadCaseStream(Readable.from(chunksOf(text, style.cuts)), { format: 'ndjson' })
      expect(result.success).toBe(true)
      expect(outcome(result)).toEqual(outcome(referenceRead(text, {})))
    }), { numRuns: 150 })
  })

  it('gives the reference result, issues and lines included, for mutated cases', async () => {
    await fc.assert(fc.asyncProperty(mutatedCaseArb, styleArb, optionsArb, async (value, style, options) => {
      const text = ndjsonOf(value, style)
      const result = await safeReadCaseStream(Readable.from(chunksOf(text, style.cuts)), { format: 'ndjson', ...options })
      expect(outcome(result)).toEqual(settle(() => referenceRead(text, options)))
    }), { numRuns: 400 })
  })

  it('joins a long line from many small chunks once (no copy per chunk: 4 MiB in 512-byte chunks)', async () => {
    const header = JSON.stringify({ format: 'fundtrace/case@1', caseId: 'C', caseType: 'telecom_fraud', currency: 'CNY', timezone: 'UTC', victims: [{ id: 'V', accounts: ['A'], transfers: ['T1'] }] })
    const long = Buffer.from(`${header}\n{"id":"T1","from":"A","to":"B","amount":"5.00","time":"2026-03-14T10:00:00Z","serial":"${'x'.repeat(4 * 2 ** 20)}"}\n`)
    const chunks = Array.from({ length: Math.ceil(long.length / 512) }, (_, i) => long.subarray(i * 512, (i + 1) * 512))
    const result = await safeReadCaseStream(Readable.from(chunks), { format: 'ndjson' })
    expect(result.success).toBe(false)
    if (!result.success) expect(result.error.issues.map((i) => [i.code, i.path.join('.'), i.line])).toContainEqual(['schema', 'transfers.0.serial', 2])
  }, 20_000)

  it('takes a lone CR as a line break, as readline does, and a CR LF split across chunks as one', async () => {
    const header = JSON.stringify({ format: 'fundtrace/case@1', caseId: 'C', caseType: 'telecom_fraud', currency: 'CNY', timezone: 'UTC', victims: [{ id: 'V', accounts: ['A'], transfers: ['T1'] }] })
    const t1 = '{"id":"T1","from":"A","to":"B","amount":"5.00","time":"2026-03-14T10:00:00Z"}'
    const split = '{"id":"T2","from":"B",\r"to":"C","amount":"1.00","time":"2026-03-14T11:00:00Z"}'
    const chunks = [Buffer.from(`${header}\r`), Buffer.from(`\n${t1}\r`), Buffer.from(`\n${split}\n`)]
    const result = await safeReadCaseStream(Readable.from(chunks), { format: 'ndjson', onInvalid: 'collect' })
    expect(result.success).toBe(true)
    if (!result.success) return
    expect(result.data.transfers.map((t) => t.id)).toEqual(['T1'])
    expect(result.invalid.map((i) => [i.index, i.issues[0]?.code, i.issues[0]?.line])).toEqual([[1, 'invalid_json', 3], [2, 'invalid_json', 4]])
    // CR | LF | LF: one break, then a blank line 2; the bad transfer is on line 3
    const alone = await safeReadCaseStream(Readable.from([Buffer.from(`${header}\r`), Buffer.from('\n'), Buffer.from('\n'), Buffer.from('{"id":"T9"}\n')]), { format: 'ndjson' })
    expect(alone.success).toBe(false)
    if (!alone.success) expect(alone.error.issues.map((i) => i.line)).toContain(3)
  })
})
