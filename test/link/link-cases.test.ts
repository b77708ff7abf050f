import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Case } from '../../src/case/types.js'
import { linkCases, toLinkReport } from '../../src/link/index.js'
import { METHODS } from '../../src/report/types.js'
import { trace } from '../../src/trace/index.js'
import { arbitraryCase } from '../_arbitrary.js'
import { at, makeCase, yuan } from '../_case.js'

/** Renames a case's accounts and transfers so it shares nothing with another. */
function isolate(c: Case, caseId: string, prefix: string): Case {
  const p = (id: string) => `${prefix}${id}`
  return {
    ...c, caseId,
    accounts: c.accounts.map((a) => ({ ...a, id: p(a.id) })),
    victims: c.victims.map((v) => ({ ...v, accounts: v.accounts.map(p), transfers: v.transfers.map(p) })),
    transfers: c.transfers.map((t) => ({ ...t, id: p(t.id), from: p(t.from), to: p(t.to) })),
  }
}

describe('linkCases (issue 10)', () => {
  it('property: cases that share no account keep, in the joint trace, exactly the sheets they have alone', () => {
    fc.assert(fc.property(arbitraryCase(), arbitraryCase(), fc.constantFrom(...METHODS), (x, y, method) => {
      const a = isolate(x, 'A', 'a-'), b = isolate(y, 'B', 'b-')
      const joint = trace(linkCases([b, a]).joint, { method })
      for (const [c, id] of [[a, 'A'], [b, 'B']] as const) {
        const alone = trace(c, { method })
        const inJoint = joint.victims.filter((v) => v.id.startsWith(`${id}/`)).map((v) => ({ ...v, id: v.id.slice(2) }))
        expect(inJoint).toEqual(alone.victims)
      }
    }), { numRuns: 150 })
  })

  it('property: with shared accounts every victim conserves exactly and no account holds more than its pool', () => {
    fc.assert(fc.property(arbitraryCase(), arbitraryCase(), fc.constantFrom(...METHODS), (x, y, method) => {
      const a = { ...x, caseId: 'A' }, b = isolate(y, 'B', 'b-')
      const shared: Case = { ...b, transfers: [...b.transfers, ...y.transfers.filter((t) => t.from.startsWith('m')).map((t) => ({ ...t, id: `x-${t.id}`, to: t.to }))] }
      const linked = linkCases([a, shared])
      const r = trace(linked.joint, { method })
      for (const v of r.victims) expect(v.held + v.exited + v.returned + v.beyond).toBe(v.loss)
      for (const acc of r.accounts) {
        const inflow = linked.joint.transfers.filter((t) => t.to === acc.id).reduce((s, t) => s + t.amount, 0n)
        const opening = linked.joint.accounts.find((m) => m.id === acc.id)?.openingBalance ?? 0n
        expect(acc.heldTotal).toBeLessThanOrEqual(inflow + opening)
      }
    }), { numRuns: 150 })
  })

  it('property: linking the same file twice changes nothing', () => {
    fc.assert(fc.property(arbitraryCase(), arbitraryCase(), (x, y) => {
      const a = { ...x, caseId: 'A' }, b = { ...y, caseId: 'B' }
      const once = linkCases([a, b])
      const twice = linkCases([a, b, a])
      expect(JSON.stringify(toLinkReport(twice, trace(twice.joint)), (_k, v) => (typeof v === 'bigint' ? String(v) : v)))
        .toBe(JSON.stringify(toLinkReport(once, trace(once.joint)), (_k, v) => (typeof v === 'bigint' ? String(v) : v)))
    }), { numRuns: 100 })
  })

  const caseOne = makeCase({
    victims: [{ id: 'V1', accounts: ['v1'], transfers: ['F1'] }],
    transfers: [
      { id: 'F1', from: 'v1', to: 'MULE', amount: yuan(1000), time: at(0), serial: 'S-F1' },
      { id: 'X1', from: 'MULE', to: 'NEXT', amount: yuan(500), time: at(10), serial: 'S-X1' },
    ],
  })
  const caseTwo = makeCase({
    victims: [{ id: 'V1', accounts: ['v2'], transfers: ['G1'] }],
    transfers: [
      { id: 'G1', from: 'v2', to: 'MULE', amount: yuan(3000), time: at(5) },
      { id: 'Y7', from: 'MULE', to: 'NEXT', amount: yuan(500), time: at(10), serial: 'S-X1' },
    ],
  })

  it('merges a transfer seen in two files (same serial), namespaces victims, and shares the mule exactly', () => {
    const linked = linkCases([{ ...caseTwo, caseId: 'C2' }, { ...caseOne, caseId: 'C1' }])
    expect(linked.joint.transfers.map((t) => t.id).sort()).toEqual(['F1', 'G1', 'X1'])
    expect(linked.sources.get('X1')).toEqual([{ caseId: 'C1', id: 'X1' }, { caseId: 'C2', id: 'Y7' }])
    const report = toLinkReport(linked, trace(linked.joint, { method: 'fifo' }))
    expect(report.joint.victims.map((v) => [v.id, v.held])).toEqual([['C1/V1', '1000.00'], ['C2/V1', '3000.00']])
    expect(report.crossCase[0]).toMatchObject({ account: 'MULE', cases: ['C1', 'C2'], heldTotal: '3500.00', heldByCase: { C1: '500.00', C2: '3000.00' } })
    expect(report.cases.map((c) => [c.caseId, c.actions.map((a) => a.account)])).toEqual([['C1', ['MULE', 'NEXT']], ['C2', ['MULE']]])
  })

  it('reports a conflicting duplicate (same serial, other amount) and keeps both transfers', () => {
    const conflicting = { ...caseTwo, caseId: 'C2', transfers: caseTwo.transfers.map((t) => (t.id === 'Y7' ? { ...t, amount: yuan(600) } : t)) }
    const linked = linkCases([{ ...caseOne, caseId: 'C1' }, conflicting])
    expect(linked.warnings.map((w) => w.code)).toEqual(['conflicting_duplicate'])
    expect(linked.joint.transfers.map((t) => t.id).sort()).toEqual(['C2/Y7', 'F1', 'G1', 'X1'])
  })

  it('pairs equal-looking transfers across cases one to one, and never merges two of one case', () => {
    // two ATM withdrawals of 2,000.00 at the same minute in case A, three in case B: the same withdrawals, plus one more
    const atm = (id: string) => ({ id, from: 'MULE', to: 'ATM', amount: yuan(2000), time: at(20) })
    const victimA = { id: 'V1', accounts: ['v1'], transfers: ['F1'] }
    const a = makeCase({ accounts: [{ id: 'ATM', kind: 'cash' }], victims: [victimA], transfers: [{ id: 'F1', from: 'v1', to: 'MULE', amount: yuan(9000), time: at(0) }, atm('A1'), atm('A2')] })
    const b = makeCase({ accounts: [{ id: 'ATM', kind: 'cash' }], victims: [{ id: 'W1', accounts: ['w1'], transfers: ['G1'] }], transfers: [{ id: 'G1', from: 'w1', to: 'MULE', amount: yuan(1000), time: at(1) }, atm('B1'), atm('B2'), atm('B3')] })
    const alone = linkCases([{ ...a, caseId: 'A' }])
    expect(alone.joint.transfers.map((t) => t.id).sort()).toEqual(['A1', 'A2', 'F1'])
    expect(trace(alone.joint).victims.map((v) => [v.id, v.held, v.exited])).toEqual([['A/V1', yuan(5000), yuan(4000)]])
    const linked = linkCases([{ ...b, caseId: 'B' }, { ...a, caseId: 'A' }])
    expect(linked.joint.transfers.map((t) => t.id).sort()).toEqual(['A1', 'A2', 'B3', 'F1', 'G1'])
    expect(linked.sources.get('A1')).toEqual([{ caseId: 'A', id: 'A1' }, { caseId: 'B', id: 'B1' }])
    expect(linked.sources.get('A2')).toEqual([{ caseId: 'A', id: 'A2' }, { caseId: 'B', id: 'B2' }])
    expect(linked.sources.get('B3')).toEqual([{ caseId: 'B', id: 'B3' }])
    const r = trace(linked.joint)
    expect(r.victims.map((v) => [v.id, v.held + v.exited])).toEqual([['A/V1', yuan(9000)], ['B/W1', yuan(1000)]])
    expect(r.accounts.find((x) => x.id === 'MULE')!.heldTotal).toBe(yuan(4000))
  })

  it('property: a case linked alone traces exactly as it does alone, even with equal-looking transfers in it', () => {
    fc.assert(fc.property(arbitraryCase(), fc.array(fc.nat(), { maxLength: 6 }), fc.constantFrom(...METHODS), (x, picks, method) => {
      const copies = x.transfers.length === 0 ? [] : picks.map((k, i) => ({ ...x.transfers[k % x.transfers.length]!, id: `dup-${i}`, serial: undefined }))
      const c: Case = { ...x, caseId: 'A', transfers: [...x.transfers, ...copies] }
      const linked = linkCases([c])
      expect(linked.joint.transfers.length).toBe(c.transfers.length)
      const alone = trace(c, { method })
      expect(trace(linked.joint, { method }).victims.map((v) => ({ ...v, id: v.id.slice(2) }))).toEqual(alone.victims)
    }), { numRuns: 150 })
  })

  it('refuses a trade dispute in the link; warns when fraud types are mixed', () => {
    expect(() => linkCases([{ ...caseOne, caseId: 'C1' }, { ...caseTwo, caseId: 'C2', caseType: 'trade_dispute' }])).toThrowError(expect.objectContaining({ issues: [expect.objectContaining({ code: 'out_of_scope' })] }))
    const mixed = linkCases([{ ...caseOne, caseId: 'C1' }, { ...caseTwo, caseId: 'C2', caseType: 'online_banking_theft' }])
    expect(mixed.joint.caseType).toBe('telecom_fraud')
    expect(mixed.warnings.map((w) => w.code)).toContain('metadata_conflict')
  })

  it('refuses cases in different currencies', () => {
    expect(() => linkCases([{ ...caseOne, caseId: 'C1' }, { ...caseTwo, caseId: 'C2', currency: 'USD' }])).toThrowError(expect.objectContaining({ issues: [expect.objectContaining({ code: 'unsupported_currency' })] }))
  })
})
