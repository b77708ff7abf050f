import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Case } from '../../src/case/types.js'
import { linkCases, toLinkReport, type LinkReport } from '../../src/link/index.js'
import { METHODS } from '../../src/report/types.js'
import { trace } from '../../src/trace/index.js'
import { arbitraryCase, shuffleCase } from '../_arbitrary.js'
import { at, makeCase, yuan } from '../_case.js'

/** Gives a case its own victims' accounts and transfer ids while it keeps the mules, sinks and platforms it shares with the others. */
function shareMules(c: Case, caseId: string): Case {
  const own = (id: string) => (/^v\d/.test(id) ? `${caseId}-${id}` : id)
  return {
    ...c, caseId,
    victims: c.victims.map((v) => ({ ...v, accounts: v.accounts.map(own), transfers: v.transfers.map((t) => `${caseId}-${t}`) })),
    transfers: c.transfers.map((t) => ({ ...t, id: `${caseId}-${t.id}`, from: own(t.from), to: own(t.to) })),
  }
}

const linkedReport = (cases: readonly Case[], method: (typeof METHODS)[number] = 'fifo'): LinkReport => {
  const linked = linkCases(cases)
  return toLinkReport(linked, trace(linked.joint, { method }))
}

describe('toLinkReport: each case its own actions (issue 10)', () => {
  // C1's V1 sends 1,000 to MULE at 10:00; C2's V1 sends 800 to M2 at 10:01 and 3,000 to MULE at 10:05;
  // MULE sends 1,200 to NEXT at 10:10. fifo: NEXT gets C1 1,000 + C2 200; MULE keeps C2 2,800; M2 keeps C2 800.
  const c1 = makeCase({
    victims: [{ id: 'V1', accounts: ['a1'], transfers: ['F1'] }],
    transfers: [
      { id: 'F1', from: 'a1', to: 'MULE', amount: yuan(1000), time: at(0) },
      { id: 'X1', from: 'MULE', to: 'NEXT', amount: yuan(1200), time: at(10) },
    ],
  })
  const c2 = makeCase({
    victims: [{ id: 'V1', accounts: ['b1'], transfers: ['G1', 'G2'] }],
    transfers: [
      { id: 'G1', from: 'b1', to: 'M2', amount: yuan(800), time: at(1) },
      { id: 'G2', from: 'b1', to: 'MULE', amount: yuan(3000), time: at(5) },
      { id: 'X1', from: 'MULE', to: 'NEXT', amount: yuan(1200), time: at(10) },
    ],
  })
  const report = linkedReport([{ ...c2, caseId: 'C2' }, { ...c1, caseId: 'C1' }])
  const view = (caseId: string) => report.cases.find((c) => c.caseId === caseId)!.actions.map((a) => [a.rank, a.jointRank, a.account, a.amount, a.funded, a.level])

  it('joint: MULE 2,800 (L1), NEXT 1,200 (L2), M2 800 (L1), funded first by amount', () => {
    expect(report.joint.actions.map((a) => [a.rank, a.account, a.amount, a.level])).toEqual([[1, 'MULE', '2800.00', 1], [2, 'NEXT', '1200.00', 2], [3, 'M2', '800.00', 1]])
  })

  it("C1 holds 1,000 at NEXT (its rank 1, joint 2); MULE holds none of its money: unfunded, for the 1,000 it received (its rank 2, joint 1)", () => {
    expect(view('C1')).toEqual([[1, 2, 'NEXT', '1000.00', true, 2], [2, 1, 'MULE', '1000.00', false, 1]])
    expect(report.cases[0]!.actions[1]).toMatchObject({ kind: 'stop_payment', hold: 'long_term' })
    expect(report.cases[0]!.victims.map((v) => [v.id, v.loss, v.held])).toEqual([['C1/V1', '1000.00', '1000.00']])
  })

  it("C2's shares: MULE 2,800, M2 800, NEXT 200 — ranked by its own amounts, not the joint ones", () => {
    expect(view('C2')).toEqual([[1, 1, 'MULE', '2800.00', true, 1], [2, 3, 'M2', '800.00', true, 1], [3, 2, 'NEXT', '200.00', true, 2]])
  })

  it('the cross-case view ranks by money held, then number of cases', () => {
    expect(report.crossCase.map((a) => [a.account, a.cases, a.heldTotal, a.heldByCase])).toEqual([
      ['MULE', ['C1', 'C2'], '2800.00', { C2: '2800.00' }],
      ['NEXT', ['C1', 'C2'], '1200.00', { C1: '1000.00', C2: '200.00' }],
      ['M2', ['C2'], '800.00', { C2: '800.00' }],
    ])
  })

  it('a pending transfer carrying both cases’ money: each case gets its part of the delay_credit; the stop excludes the pending part', () => {
    const p1 = makeCase({
      victims: [{ id: 'V1', accounts: ['a1'], transfers: ['F1'] }],
      transfers: [{ id: 'F1', from: 'a1', to: 'MULE', amount: yuan(1000), time: at(0) }, { id: 'P1', from: 'MULE', to: 'NEXT', amount: yuan(1500), time: at(10), status: 'pending' }],
    })
    const p2 = makeCase({ victims: [{ id: 'V1', accounts: ['b1'], transfers: ['G1'] }], transfers: [{ id: 'G1', from: 'b1', to: 'MULE', amount: yuan(2000), time: at(5) }] })
    const r = linkedReport([{ ...p2, caseId: 'B' }, { ...p1, caseId: 'A' }])
    // fifo: P1 carries A/V1 1,000 + B/V1 500 to NEXT (pending, so NEXT gets no stop); MULE keeps B/V1 1,500
    expect(r.joint.actions.map((a) => [a.rank, a.kind, a.account, a.amount, a.level])).toEqual([[1, 'stop_payment', 'MULE', '1500.00', 1], [2, 'delay_credit', 'NEXT', '1500.00', 2]])
    expect(r.cases.map((c) => c.actions.map((a) => [a.rank, a.jointRank, a.kind, a.account, a.amount, a.funded]))).toEqual([
      [[1, 2, 'delay_credit', 'NEXT', '1000.00', true], [2, 1, 'stop_payment', 'MULE', '1000.00', false]],
      [[1, 1, 'stop_payment', 'MULE', '1500.00', true], [2, 2, 'delay_credit', 'NEXT', '500.00', true]],
    ])
    expect(r.cases[0]!.actions[0]!.transfer).toBe('P1')
  })

  it('property: the funded shares of a funded joint action, and the shares of an unfunded one, sum exactly to its amount', () => {
    fc.assert(fc.property(fc.array(arbitraryCase(), { minLength: 2, maxLength: 3 }), fc.constantFrom(...METHODS), (raw, method) => {
      const r = linkedReport(raw.map((c, i) => shareMules(c, `K${i}`)), method)
      const byJoint = new Map(r.joint.actions.map((a) => [a.rank, a]))
      const sums = new Map<number, bigint>()
      for (const c of r.cases) {
        expect(c.actions.map((a) => a.rank)).toEqual(c.actions.map((_, i) => i + 1))
        expect(c.actions.findIndex((a) => !a.funded)).toBe(c.actions.some((a) => !a.funded) ? c.actions.filter((a) => a.funded).length : -1)
        for (const a of c.actions) {
          const j = byJoint.get(a.jointRank)!
          expect([a.kind, a.account, a.transfer, a.hold]).toEqual([j.kind, j.account, j.transfer, j.hold])
          expect(yuan(a.amount)).toBeGreaterThan(0n)
          if (a.funded === j.funded) sums.set(j.rank, (sums.get(j.rank) ?? 0n) + yuan(a.amount))
        }
      }
      for (const j of r.joint.actions) expect([j.rank, sums.get(j.rank) ?? 0n]).toEqual([j.rank, yuan(j.amount)])
    }), { numRuns: 200 })
  })

  it('property: the same cases in any order, their arrays shuffled, give a byte-identical link report', () => {
    fc.assert(fc.property(fc.array(arbitraryCase(), { minLength: 2, maxLength: 3 }), fc.integer(), (raw, seed) => {
      const cases = raw.map((c, i) => shareMules(c, `K${i}`))
      const shuffled = [...cases].reverse().map((c, i) => shuffleCase(c, seed + i))
      expect(JSON.stringify(linkedReport(shuffled))).toBe(JSON.stringify(linkedReport(cases)))
    }), { numRuns: 100 })
  })
})
