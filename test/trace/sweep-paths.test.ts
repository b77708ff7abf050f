import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Case } from '../../src/case/types.js'
import { buildLedger } from '../../src/ledger/index.js'
import { toReport } from '../../src/report/index.js'
import { METHODS } from '../../src/report/types.js'
import { awardRemainders, mulDivFloor, mulDivRemainder } from '../../src/trace/_arith.js'
import { exactSweep } from '../../src/trace/_sweep-exact.js'
import { fastSweep } from '../../src/trace/_sweep-resumable.js'
import { assembleResult } from '../../src/trace/assemble.js'
import { explain } from '../../src/trace/index.js'
import { rememberSweep } from '../../src/trace/explain.js'
import { trace } from '../../src/trace/index.js'
import { arbitraryCase } from '../_arbitrary.js'

const runs = { numRuns: Number(process.env.FT_RUNS ?? 200) }

/** Amounts scaled so the pools pass 2^26 and the pro-rata products pass 2^53 (still within the number path). */
const scaled = (c: Case, factor: bigint, plus: bigint): Case => ({
  ...c,
  accounts: c.accounts.map((a) => ({ ...a, openingBalance: a.openingBalance * factor })),
  transfers: c.transfers.map((t) => ({ ...t, amount: t.amount * factor + plus })),
})

function reportOf(c: Case, method: (typeof METHODS)[number], maxLevel: number | null, sweep: typeof fastSweep): string {
  const ledger = buildLedger(c)
  const state = sweep(ledger, method, maxLevel)
  const result = assembleResult(ledger, state, method, maxLevel)
  rememberSweep(result, ledger, state)
  const chains = result.accounts.map((a) => explain(result, a.id))
  return JSON.stringify({ report: toReport(result, { evidence: true, flows: true }), chains }, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))
}

describe('the number sweep and the bigint sweep leave the same state', () => {
  it('same report, evidence, flows and chains for every method and maxLevel', () => {
    fc.assert(fc.property(arbitraryCase({ maxTransfers: 50 }), fc.constantFrom(...METHODS), fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }), fc.constantFrom(1n, 999_983n), (c, m, level, factor) => {
      const big = scaled(c, factor, factor === 1n ? 0n : 7n)
      expect(reportOf(big, m, level, fastSweep)).toBe(reportOf(big, m, level, exactSweep))
    }), runs)
  })

  it('same state with many victims meeting in a few accounts (accounts reached by 32+ victims)', () => {
    const manyVictims = fc.record({
      victims: fc.integer({ min: 42, max: 70 }),
      moves: fc.array(fc.record({ a: fc.integer({ min: 0, max: 3 }), b: fc.integer({ min: 0, max: 4 }), amount: fc.bigInt({ min: 1n, max: 900_000n }), minute: fc.integer({ min: 0, max: 90 }) }), { maxLength: 60 }),
      amounts: fc.array(fc.bigInt({ min: 1n, max: 500_000n }), { minLength: 70, maxLength: 70 }),
    })
    fc.assert(fc.property(manyVictims, fc.constantFrom(...METHODS), ({ victims, moves, amounts }, m) => {
      const minute = (k: number) => Date.UTC(2026, 2, 14, 2, 0) + k * 60_000
      const c: Case = {
        format: 'fundtrace/case@1', caseId: 'MANY', caseType: 'telecom_fraud', currency: 'CNY', timezone: 'UTC',
        accounts: [{ id: 'cash', kind: 'cash', openingBalance: 0n }],
        victims: Array.from({ length: victims }, (_, v) => ({ id: `V${v}`, holderType: 'individual' as const, accounts: [`v${v}`], transfers: [`F${v}`] })),
        transfers: [
          ...Array.from({ length: victims }, (_, v) => ({ id: `F${v}`, from: `v${v}`, to: `m${v % 5 === 4 ? 1 : 0}`, amount: amounts[v]!, time: minute(v % 20), status: 'posted' as const })),
          ...moves.filter((x) => x.a !== x.b).map((x, k) => ({ id: `T${k}`, from: `m${x.a}`, to: x.b === 4 ? 'cash' : `m${x.b}`, amount: x.amount, time: minute(x.minute), status: 'posted' as const })),
        ],
      }
      expect(reportOf(c, m, null, fastSweep)).toBe(reportOf(c, m, null, exactSweep))
    }), { numRuns: 60 })
  })

  it('sums past 2^53 take the bigint sweep and stay exact', () => {
    fc.assert(fc.property(arbitraryCase({ maxTransfers: 30 }), fc.constantFrom(...METHODS), (c, m) => {
      const big = scaled(c, 10n ** 10n, 9_999n) // amounts up to 10^15, sums beyond 2^53
      const r = trace(big, { method: m })
      for (const v of r.victims) expect(v.held + v.exited + v.returned + v.beyond).toBe(v.loss)
    }), { numRuns: 100 })
  })
})

describe('exact integer arithmetic on doubles (pro_rata)', () => {
  const fraction = fc.double({ min: 0, max: 1, noNaN: true })
  /** mulDivFloor(a, s, p) for a = ⌊p·x⌋, s = ⌊p·y⌋ equals bigint floor division, and its remainder the bigint remainder. */
  const agreesWithBigint = (p: bigint, x: number, y: number): void => {
    const a = BigInt(Math.floor(Number(p) * x))
    const s = BigInt(Math.floor(Number(p) * y))
    const q = mulDivFloor(Number(a), Number(s), Number(p))
    expect(BigInt(q)).toBe((a * s) / p)
    expect(BigInt(mulDivRemainder)).toBe((a * s) % p)
  }

  it('mulDivFloor equals bigint floor division and remainder up to 2^50', () => {
    fc.assert(fc.property(fc.bigInt({ min: 1n, max: 2n ** 50n }), fraction, fraction, agreesWithBigint), { numRuns: 20_000 })
  })

  it('mulDivFloor is exact on both sides of 2^53 for a * s + p (the plain-product path and the two-product one)', () => {
    // p around 2^26.5: a * s + p falls below and above 2^53 about equally often
    const near = fc.bigInt({ min: 2n ** 26n, max: 2n ** 27n + 2n ** 26n })
    const small = fc.bigInt({ min: 1n, max: 1000n })
    fc.assert(fc.property(fc.oneof(near, small), fraction, fraction, agreesWithBigint), { numRuns: 20_000 })
  })

  it('awardRemainders gives the +1s to the largest remainders, ties in index order', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 80 }), fc.nat(), (rs, l) => {
      const n = rs.length
      const left = l % n
      const takes = new Float64Array(n)
      awardRemainders(Float64Array.from(rs), n, left, takes, new Float64Array(n))
      const expected = new Float64Array(n)
      const order = rs.map((_, j) => j).sort((x, y) => rs[y]! - rs[x]! || x - y)
      for (let i = 0; i < left; i++) expected[order[i]!]! += 1
      expect([...takes]).toEqual([...expected])
    }), { numRuns: 2_000 })
  })
})
