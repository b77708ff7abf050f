import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { rankRobustActions } from '../../src/plan/robust-actions.js'
import { compareCodePoints } from '../../src/ledger/index.js'
import { toReport, toReportAll } from '../../src/report/index.js'
import { METHODS } from '../../src/report/types.js'
import { amounts, compareMethods, trace, type AccountComparison, type MethodAmounts, type TraceResult } from '../../src/trace/index.js'
import { arbitraryCase } from '../_arbitrary.js'
import { at, makeCase, yuan } from '../_case.js'

/** DESIGN.md §6 with M's opening balance 300.00: the four methods disagree. */
const mixed = makeCase({
  accounts: [{ id: 'M', openingBalance: yuan(300) }],
  victims: [{ id: 'A', accounts: ['a'], transfers: ['T1'] }, { id: 'B', accounts: ['b'], transfers: ['T2'] }],
  transfers: [
    { id: 'T1', from: 'a', to: 'M', amount: yuan(1000), time: at(0) },
    { id: 'T2', from: 'b', to: 'M', amount: yuan(2000), time: at(5) },
    { id: 'T3', from: 'M', to: 'N', amount: yuan(600), time: at(10) },
  ],
})

describe('compareMethods (issue 10)', () => {
  it('hand-checked mixed case: each method, the undisputed minimum and the maximum', () => {
    const { accounts } = compareMethods(mixed)
    const m = accounts.find((a) => a.id === 'M')!
    // pro_rata: 600 × 1000/3300 = 181.818… → 181.82 (largest remainder), B 363.64, other 54.54
    expect(m.held.get('A')).toEqual({ fifo: yuan(700), lifo: yuan(1000), pro_rata: yuan('818.18'), victim_last: yuan(700), min: yuan(700), max: yuan(1000) })
    expect(m.held.get('B')).toEqual({ fifo: yuan(2000), lifo: yuan(1400), pro_rata: yuan('1636.36'), victim_last: yuan(2000), min: yuan(1400), max: yuan(2000) })
    expect(m.total).toEqual({ fifo: yuan(2700), lifo: yuan(2400), pro_rata: yuan('2454.54'), victim_last: yuan(2700), min: yuan(2400), max: yuan(2700) })
    const n = accounts.find((a) => a.id === 'N')!
    expect(n.held.get('A')).toEqual({ fifo: yuan(300), lifo: 0n, pro_rata: yuan('181.82'), victim_last: yuan(300), min: 0n, max: yuan(300) })
    expect(n.held.get('B')).toEqual({ fifo: 0n, lifo: yuan(600), pro_rata: yuan('363.64'), victim_last: 0n, min: 0n, max: yuan(600) })
  })

  it('ranks by the undisputed amount, marks robust actions and says which methods fund them', () => {
    const actions = rankRobustActions(compareMethods(mixed))
    expect(actions.map((a) => [a.rank, a.account, a.amount, a.byMethod.max, a.robustness, a.fundedBy.length])).toEqual([
      [1, 'M', yuan(2400), yuan(2700), 'robust', 4],
      [2, 'N', yuan(300), yuan(600), 'robust', 4],
    ])
  })

  it('one victim and no other funds: every action is robust and every method agrees', () => {
    const single = makeCase({
      victims: [{ id: 'V', accounts: ['v'], transfers: ['F'] }],
      transfers: [
        { id: 'F', from: 'v', to: 'M', amount: yuan(5000), time: at(0) },
        { id: 'S1', from: 'M', to: 'N', amount: yuan(2000), time: at(1) },
        { id: 'S2', from: 'M', to: 'P', amount: yuan(1000), time: at(2) },
      ],
    })
    const comparison = compareMethods(single)
    for (const a of comparison.accounts) expect(a.total.min).toBe(a.total.max)
    const actions = rankRobustActions(comparison)
    expect(actions.length).toBe(3)
    expect(actions.every((a) => a.robustness === 'robust')).toBe(true)
  })

  it('property: min ≤ every method ≤ max for every account and victim, and each method equals its own trace', () => {
    fc.assert(fc.property(arbitraryCase(), (c) => {
      const comparison = compareMethods(c)
      for (const a of comparison.accounts) {
        for (const amounts of [a.total, ...a.held.values()]) {
          for (const m of METHODS) {
            expect(amounts[m]).toBeGreaterThanOrEqual(amounts.min)
            expect(amounts[m]).toBeLessThanOrEqual(amounts.max)
          }
        }
      }
      for (const m of METHODS) expect(comparison.results[m].accounts).toEqual(trace(c, { method: m }).accounts)
    }), { numRuns: 200 })
  })

  it('property: each method\'s result is the one trace() gives — the same report bytes, flows, evidence lists and warnings', () => {
    fc.assert(fc.property(arbitraryCase(), fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }), (c, maxLevel) => {
      const comparison = compareMethods(c, maxLevel === undefined ? {} : { maxLevel })
      for (const m of METHODS) {
        const alone = trace(c, { method: m, ...(maxLevel === undefined ? {} : { maxLevel }) })
        const together = comparison.results[m]
        expect(JSON.stringify(toReport(together))).toBe(JSON.stringify(toReport(alone)))
        expect(together.victims).toEqual(alone.victims)
        expect(together.accounts).toEqual(alone.accounts)
        expect(together.flows).toEqual(alone.flows)
        expect(together.inFlight).toEqual(alone.inFlight)
        expect(together.reversible).toEqual(alone.reversible)
        expect(together.warnings).toEqual(alone.warnings)
      }
    }), { numRuns: 200 })
  })

  it('property: the per-account comparison is the plain join of the four results', () => {
    fc.assert(fc.property(arbitraryCase(), (c) => {
      const comparison = compareMethods(c)
      expect(comparison.accounts).toEqual(joinAccounts(comparison.results))
    }), { numRuns: 200 })
  })

  it('property: robust ranks are a total order obeying funded-first', () => {
    fc.assert(fc.property(arbitraryCase(), (c) => {
      const actions = rankRobustActions(compareMethods(c))
      expect(actions.map((a) => a.rank)).toEqual(actions.map((_, i) => i + 1))
      const firstUnfunded = actions.findIndex((a) => !a.funded)
      if (firstUnfunded >= 0) expect(actions.slice(firstUnfunded).every((a) => !a.funded && a.robustness === 'unfunded')).toBe(true)
      for (let i = 1; i < actions.length; i++) {
        const [p, q] = [actions[i - 1]!, actions[i]!]
        if (p.funded && q.funded) expect(p.byMethod.min > q.byMethod.min || (p.byMethod.min === q.byMethod.min && p.byMethod.max >= q.byMethod.max)).toBe(true)
      }
      for (const a of actions) if (a.robustness === 'robust') expect(a.byMethod.min).toBeGreaterThan(0n)
    }), { numRuns: 200 })
  })

  it('the --method all report carries the methods block and robust actions', () => {
    const report = toReportAll(compareMethods(mixed))
    expect(report.method).toBe('all')
    expect(report.methods!.accounts.find((a) => a.id === 'M')!.total).toEqual({ fifo: '2700.00', lifo: '2400.00', pro_rata: '2454.54', victim_last: '2700.00', min: '2400.00', max: '2700.00' })
    expect(report.methods!.victims.A!.lifo).toEqual({ held: '1000.00', exited: '0.00', returned: '0.00', beyond: '0.00' })
    expect(report.actions[0]).toMatchObject({ account: 'M', amount: '2400.00', robustness: 'robust', fundedBy: ['fifo', 'lifo', 'pro_rata', 'victim_last'] })
  })
})

/** The comparison written the obvious way (a reference for the one-pass join). */
function joinAccounts(results: Readonly<Record<(typeof METHODS)[number], TraceResult>>): AccountComparison[] {
  const ids = new Set(METHODS.flatMap((m) => results[m].accounts.map((a) => a.id)))
  const find = (m: (typeof METHODS)[number], id: string) => results[m].accounts.find((a) => a.id === id)
  const out = [...ids].map((id) => {
    const level = Math.min(...METHODS.flatMap((m) => find(m, id)?.level ?? []))
    const victims = [...new Set(METHODS.flatMap((m) => [...(find(m, id)?.received.keys() ?? [])]))].sort(compareCodePoints)
    const held = new Map<string, MethodAmounts>(victims.map((v) => [v, amounts((m) => find(m, id)?.held.get(v) ?? 0n)]))
    return { id, level, held, total: amounts((m) => find(m, id)?.heldTotal ?? 0n) }
  })
  return out.sort((a, b) => a.level - b.level || compareCodePoints(a.id, b.id))
}
