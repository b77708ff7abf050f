import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Case, Transfer } from '../../src/case/types.js'
import { earliestArrival, reachableTransfers } from '../../src/ledger/_reach.js'
import { buildLedger, LedgerBuilder, type LedgerScope } from '../../src/ledger/index.js'
import { toReport } from '../../src/report/index.js'
import { METHODS, type Method } from '../../src/report/types.js'
import { assembleResult } from '../../src/trace/assemble.js'
import { rememberSweep } from '../../src/trace/explain.js'
import { explain } from '../../src/trace/index.js'
import { sweep } from '../../src/trace/sweep.js'
import { arbitraryCase } from '../_arbitrary.js'
import { at } from '../_case.js'

const runs = { numRuns: Number(process.env.FT_RUNS ?? 200) }
const INF = Number.POSITIVE_INFINITY

describe('earliestArrival (time-respecting reach, before any sort)', () => {
  // accounts: 0 V, 1 A, 2 B, 3 C, 4 D, 5 E
  const from = Int32Array.of(0, 1, 1, 2, 3, 4, 5)
  const to = Int32Array.of(1, 2, 3, 4, 4, 5, 1)
  const time = Float64Array.of(10, 20, 5, 30, 1, 25, 40)
  const input = { from, to, time, count: 7, accountCount: 6, until: INF }

  it('follows only transfers at or after the sender first holds victim money', () => {
    // V→A 10; A→B 20 (after 10: reached at 20); A→C 5 (before A holds any: C never reached);
    // B→D 30; C→D 1 (C unreached); D→E 25 (before D is reached at 30: no); E→A 40 (E unreached)
    expect(Array.from(earliestArrival(input, [0]))).toEqual([INF, 10, 20, INF, 30, INF])
  })

  it('keeps the fraud transfers and every transfer into or out of a reached account', () => {
    // kept: 0 (fraud), 1 A→B, 2 A→C (A reached), 3 B→D, 4 C→D (D reached), 5 D→E (D reached), 6 E→A (A reached)
    expect(Array.from(reachableTransfers(input, [0]))).toEqual([0, 1, 2, 3, 4, 5, 6])
    // a noise pair far from it: accounts 6 → 7
    const noisy = { ...input, from: Int32Array.of(...from, 6), to: Int32Array.of(...to, 7), time: Float64Array.of(...time, 15), count: 8, accountCount: 8 }
    expect(Array.from(reachableTransfers(noisy, [0]))).toEqual([0, 1, 2, 3, 4, 5, 6])
  })

  it('takes the earliest of several routes, and ignores transfers not in force', () => {
    // V→A 10, V→B 12, A→C 50, B→C 15: C first holds victim money at 15
    const routes = { from: Int32Array.of(0, 0, 1, 2), to: Int32Array.of(1, 2, 3, 3), time: Float64Array.of(10, 12, 50, 15), count: 4, accountCount: 4, until: INF }
    expect(Array.from(earliestArrival(routes, [0, 1]))).toEqual([INF, 10, 12, 15])
    expect(Array.from(earliestArrival({ ...routes, until: 20 }, [0, 1]))).toEqual([INF, 10, 12, 15])
    expect(Array.from(earliestArrival({ ...routes, until: 14 }, [0, 1]))).toEqual([INF, 10, 12, INF])
  })
})

/** The arbitrary case plus a population trading among itself and paying into (and from) the mules. */
const withNoise = (c: Case, noise: { from: number; to: number; amount: bigint; minute: number; mule: boolean }[]): Case => {
  const extra: Transfer[] = noise.flatMap((x, k) => {
    const from = x.mule && k % 2 === 0 ? `m${x.from % 6}` : `p${x.from}`
    const to = x.mule && k % 2 === 1 ? `m${x.to % 6}` : `p${x.to}`
    return from === to ? [] : [{ id: `N${k}`, from, to, amount: x.amount, time: at(x.minute), status: 'posted' as const }]
  })
  return { ...c, transfers: [...c.transfers, ...extra] }
}
const noiseArb = fc.array(fc.record({ from: fc.integer({ min: 0, max: 7 }), to: fc.integer({ min: 0, max: 7 }), amount: fc.bigInt({ min: 1n, max: 50_000n }), minute: fc.integer({ min: 0, max: 60 }), mule: fc.boolean() }), { maxLength: 30 })

function viaBuilder(c: Case): Case {
  const { transfers, ...header } = c
  const builder = new LedgerBuilder(header)
  for (const t of transfers) builder.add(t)
  return builder.toCase()
}

function reportOf(c: Case, method: Method, maxLevel: number | null, asOf: number | undefined, scope: LedgerScope): string {
  const ledger = buildLedger(c, asOf === undefined ? { scope } : { asOf, scope })
  const state = sweep(ledger, method, maxLevel)
  const result = assembleResult(ledger, state, method, maxLevel)
  rememberSweep(result, ledger, state)
  const chains = result.accounts.map((a) => explain(result, a.id))
  return JSON.stringify({ report: toReport(result, { evidence: true, flows: true }), chains }, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))
}

describe("scope 'reachable' leaves the trace unchanged", () => {
  it('same report, evidence, flows, warnings and chains as the whole ledger, for every method, maxLevel and asOf', () => {
    fc.assert(fc.property(arbitraryCase(), noiseArb, fc.constantFrom(...METHODS), fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }), fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }), fc.boolean(), (c0, noise, method, level, minute, built) => {
      const c = withNoise(c0, noise)
      const input = built ? viaBuilder(c) : c
      const asOf = minute === undefined ? undefined : at(minute)
      expect(reportOf(input, method, level, asOf, 'reachable')).toBe(reportOf(c, method, level, asOf, 'all'))
    }), runs)
  })

  it('drops the transfers no victim money can meet, and only those', () => {
    fc.assert(fc.property(arbitraryCase(), noiseArb, (c0, noise) => {
      const c = withNoise(c0, noise)
      const whole = buildLedger(c)
      const reach = buildLedger(c, { scope: 'reachable' })
      const kept = new Set(reach.transfers.map((t) => t.id))
      for (const t of whole.transfers) if (!kept.has(t.id)) expect(t.id.startsWith('N') || t.id.startsWith('T')).toBe(true)
      // when nothing pays into the population, its own transfers never meet victim money: all dropped
      const paidIn = whole.transfers.some((t) => !t.from.startsWith('p') && t.to.startsWith('p'))
      if (!paidIn) for (const t of whole.transfers) if (t.from.startsWith('p') && t.to.startsWith('p')) expect(kept.has(t.id)).toBe(false)
      // what is kept stays in (time, id) order
      expect(reach.transfers.map((t) => t.id)).toEqual(whole.transfers.filter((t) => kept.has(t.id)).map((t) => t.id))
    }), runs)
  })
})
