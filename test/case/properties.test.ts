import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseCase, safeParseCase } from '../../src/case/parse.js'
import { parseAmount } from '../../src/case/money.js'
import { parseTime } from '../../src/case/time.js'
import { fastAmount, fastAmountOfBytes, fastTime, fastTimeOfBytes } from '../../src/case/_fast.js'
import { checkTransfer, slowTransfer } from '../../src/case/_transfer.js'
import { FundtraceError, isFundtraceError } from '../../src/errors/index.js'
import { rawCaseArb, type Json, type RawObject } from './_raw.js'
import { mutatedCaseArb, rawTransferArb } from './_mutate.js'

/** safeParseCase's contract: a result, never an exception; parseCase: only FundtraceError. */
function expectContract(input: unknown): void {
  const result = safeParseCase(input)
  expect(typeof result.success).toBe('boolean')
  if (!result.success) {
    expect(result.error).toBeInstanceOf(FundtraceError)
    expect(result.error.issues.length).toBeGreaterThan(0)
    for (const issue of result.error.issues) expect(typeof issue.message).toBe('string')
  }
  try {
    const c = parseCase(input)
    expect(result.success).toBe(true)
    if (result.success) expect(c).toEqual(result.data)
  } catch (error) {
    expect(isFundtraceError(error)).toBe(true)
    expect(result.success).toBe(false)
  }
}

describe('parseCase never throws anything but FundtraceError', () => {
  it('for arbitrary JSON values, as values and as text', () => {
    fc.assert(fc.property(fc.jsonValue() as fc.Arbitrary<Json>, (value) => {
      expectContract(value)
      expectContract(JSON.stringify(value))
    }), { numRuns: 300 })
  })

  it('for arbitrary strings (mostly invalid JSON)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => expectContract(text)), { numRuns: 300 })
  })

  it('for mutated valid cases', () => {
    fc.assert(fc.property(mutatedCaseArb, (value) => expectContract(value)), { numRuns: 600 })
  })

  it('for mutated valid cases with onInvalid: collect, keeping every transfer counted', () => {
    fc.assert(fc.property(mutatedCaseArb, (value) => {
      const result = safeParseCase(value, { onInvalid: 'collect' })
      if (!result.success) return
      const input = (value as RawObject).transfers as Json[]
      expect(result.data.transfers.length + result.invalid.length).toBe(input.length)
    }), { numRuns: 400 })
  })

  it('generated valid cases parse', () => {
    fc.assert(fc.property(rawCaseArb, (raw) => {
      const result = safeParseCase(raw)
      if (!result.success) throw new Error(result.error.message)
      expect(result.data.transfers).toHaveLength((raw.transfers as Json[]).length)
    }), { numRuns: 200 })
  })
})

describe('the fast paths agree with the reference', () => {
  it('checkTransfer (fast path first) equals the zod-based slow path', () => {
    fc.assert(fc.property(rawTransferArb, fc.constantFrom(0, 2), fc.constantFrom('Asia/Shanghai', 'America/New_York'), (raw, digits, timezone) => {
      const context = { digits, timezone }
      expect(checkTransfer(raw, 7, context)).toEqual(slowTransfer(raw, 7, context))
    }), { numRuns: 2000 })
  })

  it('fastAmount answers only what parseAmount says', () => {
    const amountArb = fc.oneof(
      fc.stringMatching(/^[0-9]{1,18}(\.[0-9]{0,4})?$/),
      fc.string({ unit: fc.constantFrom('0', '1', '9', '.', '-', 'e', ' ') }),
      fc.integer(),
      fc.double(),
    )
    fc.assert(fc.property(amountArb, fc.constantFrom(0, 2, 3), (raw, digits) => {
      const fast = fastAmount(raw, digits)
      const reference = parseAmount(raw, digits)
      if (fast !== undefined) expect(reference).toEqual({ ok: true, value: fast })
      if (typeof raw === 'string') {
        const bytes = Buffer.from(`"${raw}"`)
        expect(fastAmountOfBytes(bytes, 1, bytes.length - 1, digits)).toBe(fast === undefined ? -1 : Number(fast))
      }
    }), { numRuns: 3000 })
    expect(fastAmount('50000.00', 2)).toBe(5_000_000n)
    expect(fastAmount(5000, 2)).toBe(500_000n)
    expect(fastAmountOfBytes(Buffer.from('50000.00'), 0, 8, 2)).toBe(5_000_000)
  })

  it('fastTime answers only what parseTime says', () => {
    const timeArb = fc.oneof(
      fc.record({
        y: fc.integer({ min: 0, max: 9999 }), mo: fc.integer({ min: 0, max: 13 }), d: fc.integer({ min: 0, max: 32 }),
        h: fc.integer({ min: 0, max: 25 }), mi: fc.integer({ min: 0, max: 61 }), s: fc.integer({ min: 0, max: 61 }),
        zone: fc.constantFrom('Z', '+08:00', '-05:30', '+24:00', '+05:60', '', 'z', '+0800'),
      }).map(({ y, mo, d, h, mi, s, zone }) => `${p(y, 4)}-${p(mo)}-${p(d)}T${p(h)}:${p(mi)}:${p(s)}${zone}`),
      fc.string({ unit: fc.constantFrom('2', '0', '-', 'T', ':', '+', 'Z', '1'), minLength: 18, maxLength: 26 }),
    )
    fc.assert(fc.property(timeArb, (raw) => {
      const fast = fastTime(raw)
      if (fast !== undefined) expect(parseTime(raw, 'Asia/Shanghai')).toEqual({ ok: true, value: fast })
      const bytes = Buffer.from(`"${raw}"`)
      expect(fastTimeOfBytes(bytes, 1, bytes.length - 1)).toBe(fast ?? Number.NaN)
    }), { numRuns: 3000 })
    expect(fastTime('2026-03-14T10:02:11+08:00')).toBe(Date.parse('2026-03-14T10:02:11+08:00'))
    expect(fastTime('1969-07-20T20:17:40Z')).toBe(Date.parse('1969-07-20T20:17:40Z'))
    expect(fastTimeOfBytes(Buffer.from('1969-07-20T20:17:40Z'), 0, 20)).toBe(Date.parse('1969-07-20T20:17:40Z'))
  })
})

function p(n: number, width = 2): string {
  return String(n).padStart(width, '0')
}
