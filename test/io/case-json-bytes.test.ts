import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ByteTransfer, readTransferBytes } from '../../src/case/_byte-transfer.js'
import { parseCase, safeParseCase, type ParseCaseOptions, type SafeParseCaseResult } from '../../src/case/parse.js'
import { checkTransfer } from '../../src/case/_transfer.js'
import { CHANNELS } from '../../src/case/types.js'
import { readJsonCaseBytes } from '../../src/io/_case-json-bytes.js'
import { skipJsonValue } from '../../src/io/_json-skip.js'
import { mutatedCaseArb, rawTransferArb } from '../case/_mutate.js'
import { rawCaseArb, validRaw, type Json, type RawObject } from '../case/_raw.js'

/** How a case file may be laid out: indentation, where `transfers` sits, a byte-order mark. */
const layoutArb = fc.record({
  indent: fc.constantFrom<number | string>(0, 1, 2, '\t'),
  transfersAt: fc.constantFrom('first', 'middle', 'last'),
  bom: fc.boolean(),
})
type Layout = typeof layoutArb extends fc.Arbitrary<infer T> ? T : never

function textOf(value: Json, layout: Layout): string {
  let laidOut = value
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'transfers' in value && layout.transfersAt !== 'last') {
    const { transfers, ...rest } = value
    const keys = Object.keys(rest)
    const at = layout.transfersAt === 'first' ? 0 : Math.floor(keys.length / 2)
    laidOut = Object.fromEntries([...keys.slice(0, at).map((k) => [k, rest[k]]), ['transfers', transfers], ...keys.slice(at).map((k) => [k, rest[k]])])
  }
  return (layout.bom ? '\ufeff' : '') + JSON.stringify(laidOut, null, layout.indent)
}

/** A result laid bare for comparison (an error's issues, not its identity). */
function outcome(result: SafeParseCaseResult): unknown {
  return result.success ? { success: true, data: result.data, invalid: result.invalid } : { success: false, issues: result.error.issues }
}

/** The byte reader, or the ordinary parse where it gives up — what `readCaseFile` does. */
function readBytesOrParse(text: string, options: ParseCaseOptions): SafeParseCaseResult {
  return readJsonCaseBytes(Buffer.from(text), options) ?? safeParseCase(text, options)
}

const optionsArb = fc.constantFrom<ParseCaseOptions>({}, { onInvalid: 'collect' }, { maxTransfers: 2 }, { onInvalid: 'collect', maxTransfers: 4 })

describe('readJsonCaseBytes', () => {
  it('reads every generated valid case itself, whatever the layout, into the Case parseCase makes', () => {
    fc.assert(fc.property(rawCaseArb, layoutArb, (raw, layout) => {
      const result = readJsonCaseBytes(Buffer.from(textOf(raw, layout)), {})
      expect(result).toBeDefined()
      expect(outcome(result!)).toEqual({ success: true, data: parseCase(raw), invalid: [] })
    }), { numRuns: 150 })
  })

  it('gives what the ordinary parse gives for mutated cases (every issue, collected transfers, limits)', () => {
    fc.assert(fc.property(mutatedCaseArb, layoutArb, optionsArb, (value, layout, options) => {
      const text = textOf(value, layout)
      expect(outcome(readBytesOrParse(text, options))).toEqual(outcome(safeParseCase(text, options)))
    }), { numRuns: 500 })
  })

  it('gives what the ordinary parse gives for files with broken syntax', () => {
    const edit = fc.record({ at: fc.nat(), kind: fc.constantFrom('delete', 'insert', 'replace'), char: fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', ' ', '0', 'a', '-', 'é') })
    fc.assert(fc.property(fc.oneof(rawCaseArb, fc.constant(validRaw())), layoutArb, fc.array(edit, { minLength: 1, maxLength: 3 }), optionsArb, (raw, layout, edits, options) => {
      let text = textOf(raw, layout)
      for (const { at, kind, char } of edits) {
        const i = at % (text.length + 1)
        text = text.slice(0, i) + (kind === 'delete' ? '' : char) + text.slice(kind === 'insert' ? i : i + 1)
      }
      expect(outcome(readBytesOrParse(text, options))).toEqual(outcome(safeParseCase(text, options)))
    }), { numRuns: 800 })
  })

  it('reports a duplicate transfer id, an invalid transfer and a non-ASCII id exactly as parseCase', () => {
    const raw = validRaw()
    const transfers = raw.transfers as RawObject[]
    transfers.push({ ...transfers[3]! }, { ...transfers[3]!, id: 'T9', amount: '0' }, { ...transfers[3]!, id: '转账-1' })
    const text = JSON.stringify(raw)
    const expected = safeParseCase(text)
    expect(expected.success).toBe(false)
    expect(outcome(readBytesOrParse(text, {}))).toEqual(outcome(expected))
    const collected = readJsonCaseBytes(Buffer.from(text), { onInvalid: 'collect' })
    expect(collected).toBeDefined()
    expect(outcome(collected!)).toEqual(outcome(safeParseCase(text, { onInvalid: 'collect' })))
  })
})

describe('readTransferBytes', () => {
  it('reads only valid transfers, with exactly the fields checkTransfer gives', () => {
    fc.assert(fc.property(rawTransferArb, fc.constantFrom(0, 2), fc.constantFrom(0, 1, 2), (raw, digits, indent) => {
      const bytes = Buffer.from(`${JSON.stringify(raw, null, indent)} `)
      const fields = new ByteTransfer()
      const end = readTransferBytes(bytes, 0, digits, fields)
      if (end < 0) return
      expect(end).toBe(bytes.length - 1)
      const check = checkTransfer(raw, 0, { digits, timezone: 'Asia/Shanghai' })
      expect(check.ok).toBe(true)
      if (!check.ok) return
      const text = (start: number, stop: number): string => bytes.toString('latin1', start, stop)
      const t = check.transfer
      expect([text(fields.idStart, fields.idEnd), text(fields.fromStart, fields.fromEnd), text(fields.toStart, fields.toEnd)]).toEqual([t.id, t.from, t.to])
      expect([BigInt(fields.amount), fields.time, fields.pending ? 'pending' : 'posted']).toEqual([t.amount, t.time, t.status])
      expect(fields.channelCode === 0 ? undefined : CHANNELS[fields.channelCode - 1]).toBe(t.channel)
      expect(fields.serialStart < 0 ? undefined : text(fields.serialStart, fields.serialEnd)).toBe(t.serial)
    }), { numRuns: 2000 })
  })

  it('reads the common shape (whole-number amounts too) and leaves escapes, other numbers and unknown fields to JSON.parse', () => {
    const fields = new ByteTransfer()
    const read = (json: string): number => readTransferBytes(Buffer.from(json), 0, 2, fields)
    const plain = '{"id":"T1","from":"A","to":"B","amount":"1.50","time":"2026-03-14T10:00:00Z","channel":"atm","serial":"S1"}'
    expect(read(plain)).toBe(plain.length)
    expect([fields.amount, fields.time, fields.channelCode]).toEqual([150, Date.parse('2026-03-14T10:00:00Z'), 2])
    expect(read(plain.replace('"T1"', '"T\\u0031"'))).toBe(-1)
    expect(read(plain.replace('"1.50"', '150'))).toBe(plain.length - 3)
    expect(fields.amount).toBe(15000)
    for (const number of ['1.5', '1e2', '015', '-1', '0', '10000000000000']) expect(read(plain.replace('"1.50"', number))).toBe(-1)
    expect(read(plain.replace('"id"', '"note":"x","id"'))).toBe(-1)
    expect(read(plain.replace('"to":"B"', '"to":"A"'))).toBe(-1)
    expect(read(plain.replace('"serial":"S1"', '"id":"T2"'))).toBe(-1)
  })
})

describe('skipJsonValue', () => {
  it('finds the end of every JSON value, however it is spaced', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.constantFrom(0, 1, '\t'), (value, indent) => {
      const text = JSON.stringify(value, null, indent)
      expect(skipJsonValue(Buffer.from(`${text} ,`), 0)).toBe(Buffer.byteLength(text))
    }), { numRuns: 500 })
  })

  it('accepts exactly what JSON.parse accepts', () => {
    const unit = fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', 'u', '0', '1', '-', '+', '.', 'e', 'E', 't', 'r', 'n', 'l', 'a', 's', 'f', 'A', ' ', '\n', '\u0001')
    const nearJson = fc.oneof(
      fc.string({ unit, maxLength: 12 }),
      fc.jsonValue({ maxDepth: 2 }).chain((v) => fc.nat().map((cut) => {
        const text = JSON.stringify(v)
        return text.slice(0, cut % (text.length + 1)) + text.slice((cut % (text.length + 1)) + 1)
      })),
    )
    fc.assert(fc.property(nearJson, (text) => {
      if (/^[ \n]|[ \n]$/.test(text)) return
      let parses = true
      try {
        JSON.parse(text)
      } catch {
        parses = false
      }
      const bytes = Buffer.from(text)
      expect(skipJsonValue(bytes, 0) === bytes.length).toBe(parses)
    }), { numRuns: 3000 })
  })
})
