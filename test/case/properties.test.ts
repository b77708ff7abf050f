import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseCase, safeParseCase } from '../../src/case/parse.js'
import { parseAmount } from '../../src/case/money.js'
import { parseTime } from '../../src/case/time.js'
import { fastAmount, fastTime } from '../../src/case/_fast.js'
import { checkTransfer, slowTransfer } from '../../src/case/_transfer.js'
import { FundtraceError, isFundtraceError } from '../../src/errors/index.js'
import { rawCaseArb, validRaw, type Json, type RawObject } from './_raw.js'

/** Every path (keys and indices) to a value inside `value`. */
function pathsOf(value: Json, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [prefix]
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])))
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]))
  return out
}

type Mutation = { kind: 'replace'; value: Json } | { kind: 'delete' } | { kind: 'duplicate' }

/** A deep copy of `root` with one mutation at `path`. */
function mutate(root: Json, path: Array<string | number>, mutation: Mutation): Json {
  const copy = structuredClone(root)
  if (path.length === 0) return mutation.kind === 'replace' ? mutation.value : copy
  let parent: Json = copy
  for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[key] as Json
  const last = path[path.length - 1]!
  const container = parent as Record<string | number, Json> & Json[]
  if (mutation.kind === 'replace') container[last] = mutation.value
  else if (Array.isArray(container) && typeof last === 'number') {
    if (mutation.kind === 'delete') container.splice(last, 1)
    else container.splice(last, 0, structuredClone(container[last]) as Json)
  } else if (mutation.kind === 'delete') delete container[last]
  else container[`${String(last)}_copy`] = structuredClone(container[last]) as Json
  return copy
}

const interesting: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  fc.constantFrom<Json>('', ' ', 'T1', 'T2', 'V1', '__proto__', 'constructor', '1.001', '-1', '0', '1e5', '2026-03-14', '2026-03-14T10:00', 'e\u0301', 'x\u0000', 5, 0, -0.5, 2 ** 60, null, true, [], {}),
)

const mutatedCaseArb = fc.tuple(fc.oneof(rawCaseArb, fc.constant(validRaw())), fc.nat(), fc.oneof(
  interesting.map((value): Mutation => ({ kind: 'replace', value })),
  fc.constant<Mutation>({ kind: 'delete' }),
  fc.constant<Mutation>({ kind: 'duplicate' }),
), fc.integer({ min: 1, max: 3 })).map(([raw, pick, mutation, times]) => {
  let value: Json = raw
  for (let n = 0; n < times; n++) {
    const paths = pathsOf(value)
    value = mutate(value, paths[(pick * (n + 1)) % paths.length]!, mutation)
  }
  return value
})

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
  const transferArb: fc.Arbitrary<unknown> = fc.tuple(
    fc.record({
      id: fc.constantFrom<Json>('T1', ' T1', '', 'e\u0301', 'x'.repeat(257), 'A', 5),
      from: fc.constantFrom<Json>('A', 'B', 'A ', 'Jose\u0301', 'Jos\u00e9', null),
      to: fc.constantFrom<Json>('B', 'A', 'Jos\u00e9', 'C\t'),
      amount: fc.constantFrom<Json>('1', '1.00', '1.5', '1.001', '0', '0.00', '-1', 5, 0, 0.5, '1e3', true, '99999999999999999', '10000000000000.00', '10000000000000.01', 2 ** 53),
      time: fc.constantFrom<Json>('2026-03-14T10:00:00+08:00', '2026-03-14T10:00:00Z', '2026-03-14T10:00', '2026-02-30T10:00:00Z', '2026-03-14T10:00:00+24:00', '0099-03-14T10:00:00Z', 5),
      status: fc.constantFrom<Json | undefined>(undefined, 'posted', 'pending', 'done'),
      channel: fc.constantFrom<Json | undefined>(undefined, 'atm', 'pigeon', 3),
      serial: fc.constantFrom<Json | undefined>(undefined, 'S1', '', 'x'.repeat(257)),
    }),
    fc.constantFrom<Record<string, Json>>({}, { note: 'x' }),
  ).map(([fields, extra]) => {
    const out: Record<string, unknown> = { ...extra }
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = v
    return out
  })

  it('checkTransfer (fast path first) equals the zod-based slow path', () => {
    fc.assert(fc.property(transferArb, fc.constantFrom(0, 2), fc.constantFrom('Asia/Shanghai', 'America/New_York'), (raw, digits, timezone) => {
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
    }), { numRuns: 3000 })
    expect(fastAmount('50000.00', 2)).toBe(5_000_000n)
    expect(fastAmount(5000, 2)).toBe(500_000n)
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
    }), { numRuns: 3000 })
    expect(fastTime('2026-03-14T10:02:11+08:00')).toBe(Date.parse('2026-03-14T10:02:11+08:00'))
  })
})

function p(n: number, width = 2): string {
  return String(n).padStart(width, '0')
}
