import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { rankActions } from '../../src/plan/actions.js'
import { DEFAULT_POLICY } from '../../src/plan/policy.js'
import { METHODS } from '../../src/report/types.js'
import { trace } from '../../src/trace/index.js'
import { arbitraryCase } from '../_arbitrary.js'
import { at, makeCase, yuan } from '../_case.js'

describe('recommendation order (DESIGN.md §4)', () => {
  it('ranks are 1…n, a total order: funded first (amount desc, level, id), then unfunded (level, amount desc, id)', () => {
    fc.assert(fc.property(arbitraryCase(), fc.constantFrom(...METHODS), fc.constantFrom('telecom_fraud' as const, 'online_banking_theft' as const), (c, m, caseType) => {
      const actions = rankActions(trace({ ...c, caseType }, { method: m }))
      expect(actions.map((a) => a.rank)).toEqual(actions.map((_, i) => i + 1))
      const firstUnfunded = actions.findIndex((a) => !a.funded)
      if (firstUnfunded >= 0) expect(actions.slice(firstUnfunded).every((a) => !a.funded)).toBe(true)
      for (let i = 1; i < actions.length; i++) {
        const [p, q] = [actions[i - 1]!, actions[i]!]
        if (p.funded && q.funded) {
          expect(p.amount > q.amount || (p.amount === q.amount && (p.level < q.level || (p.level === q.level && p.account <= q.account)))).toBe(true)
        } else if (!p.funded && !q.funded) {
          expect(p.level < q.level || (p.level === q.level && (p.amount > q.amount || (p.amount === q.amount && p.account < q.account)))).toBe(true)
        }
        expect(`${p.kind}|${p.account}|${p.transfer ?? ''}`).not.toBe(`${q.kind}|${q.account}|${q.transfer ?? ''}`)
      }
      for (const a of actions) {
        if (a.kind === 'stop_payment') expect(a.hold).toBe(a.funded ? 'long_term' : caseType === 'telecom_fraud' ? '5d' : 'long_term')
        if (a.kind === 'stop_payment') expect(a.remark).toBe(DEFAULT_POLICY.remark)
      }
    }), { numRuns: 300 })
  })
})

describe('procedure rules', () => {
  const mules = makeCase({
    victims: [{ id: 'V', accounts: ['v'], transfers: ['F1'] }],
    accounts: [{ id: 'pay', kind: 'payment_platform' }, { id: 'atm', kind: 'cash' }],
    transfers: [
      { id: 'F1', from: 'v', to: 'M1', amount: yuan(10000), time: at(0) },
      { id: 'T1', from: 'M1', to: 'M2', amount: yuan(10000), time: at(1) },
      { id: 'T2', from: 'M2', to: 'pay', amount: yuan(3000), time: at(2) },
      { id: 'T3', from: 'M2', to: 'atm', amount: yuan(2000), time: at(3) },
    ],
  })

  it('funded telecom account gets a long-term stop; unfunded telecom account gets a 5-day stop', () => {
    const actions = rankActions(trace(mules))
    expect(actions.map((a) => [a.rank, a.kind, a.account, a.hold, a.amount, a.funded])).toEqual([
      [1, 'stop_payment', 'M2', 'long_term', yuan(5000), true],
      [2, 'escalate_platform', 'pay', undefined, yuan(3000), true],
      [3, 'stop_payment', 'M1', '5d', yuan(10000), false],
    ])
  })

  it('online-banking theft: every stop is long-term, funded or not', () => {
    const actions = rankActions(trace({ ...mules, caseType: 'online_banking_theft' }))
    expect(actions.filter((a) => a.kind === 'stop_payment').map((a) => [a.account, a.hold])).toEqual([['M2', 'long_term'], ['M1', 'long_term']])
  })

  it('cash sinks get no action; accounts below the policy minimum get none either', () => {
    const actions = rankActions(trace(mules), { ...DEFAULT_POLICY, minActionAmount: '4000' })
    expect(actions.map((a) => a.account)).toEqual(['M2', 'M1'])
  })

  it('trade disputes are refused with out_of_scope', () => {
    expect(() => rankActions(trace({ ...mules, caseType: 'trade_dispute' }))).toThrowError(expect.objectContaining({ issues: [expect.objectContaining({ code: 'out_of_scope' })] }))
  })

  it('a pending transfer carrying victim money is caught in flight: delay_credit, or return_to_origin when cross-border', () => {
    const c = makeCase({
      victims: [{ id: 'V', accounts: ['v'], transfers: ['F1', 'F2'] }],
      transfers: [
        { id: 'F1', from: 'v', to: 'M1', amount: yuan(800), time: at(0), status: 'pending' },
        { id: 'F2', from: 'v', to: 'M2', amount: yuan(900), time: at(1), status: 'pending', channel: 'cross_border_in' },
      ],
    })
    const actions = rankActions(trace(c))
    expect(actions.map((a) => [a.kind, a.account, a.transfer, a.amount])).toEqual([
      ['return_to_origin', 'M2', 'F2', yuan(900)],
      ['delay_credit', 'M1', 'F1', yuan(800)],
    ])
  })

  it('a victim counter transfer still sitting in the receiver can be reversed', () => {
    const c = makeCase({
      victims: [{ id: 'V', accounts: ['v'], transfers: ['F1'] }],
      transfers: [
        { id: 'F1', from: 'v', to: 'M1', amount: yuan(700), time: at(0), channel: 'counter' },
        { id: 'T1', from: 'M1', to: 'M2', amount: yuan(200), time: at(1) },
      ],
    })
    const actions = rankActions(trace(c))
    expect(actions.map((a) => [a.kind, a.account, a.amount])).toEqual([
      ['stop_payment', 'M1', yuan(500)],
      ['reverse_transaction', 'M1', yuan(500)],
      ['stop_payment', 'M2', yuan(200)],
    ])
  })
})
