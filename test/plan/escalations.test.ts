import { describe, expect, it } from 'vitest'
import { FundtraceError } from '../../src/errors/index.js'
import { ESCALATION_DOCUMENTS, escalations, recordEscalationResult } from '../../src/plan/escalations.js'
import { makeReport } from './_fixtures.js'

const report = () => makeReport({
  caseId: 'C1',
  victims: [{ id: 'V1', loss: '50000.00' }],
  accounts: [
    { id: 'BANK', institution: 'ICBC', received: { V1: '1.00' }, held: { V1: '1.00' } },
    { id: 'ALIPAY', kind: 'payment_platform', institution: 'Alipay', holder: '张三', received: { V1: '8000.00' }, held: { V1: '8000.00' } },
    { id: 'POS', kind: 'pos_merchant', institution: 'UnionPay', received: { V1: '500.00' }, held: { V1: '500.00' } },
  ],
  actions: [
    { account: 'ALIPAY', kind: 'escalate_platform', amount: '8000.00', funded: true },
    { account: 'BANK', hold: 'long_term', amount: '1.00', funded: true },
    { account: 'POS', kind: 'escalate_platform', amount: '500.00', funded: true },
    { account: 'ALIPAY', kind: 'delay_credit', amount: '10.00' },
  ],
})

describe('escalations', () => {
  it('escalation: one pending item per payment-platform / POS account, in rank order, with documents and the duty officer', () => {
    const items = escalations(report())
    expect(items.map((e) => [e.id, e.account, e.accountKind, e.status, e.amount, e.rank])).toEqual([
      ['esc:C1:ALIPAY', 'ALIPAY', 'payment_platform', 'pending', '8000.00', 1],
      ['esc:C1:POS', 'POS', 'pos_merchant', 'pending', '500.00', 3],
    ])
    expect(items[0]).toMatchObject({ platform: 'Alipay', holder: '张三', held: { V1: '8000.00' }, history: [] })
    expect(items[0]!.documents).toBe(ESCALATION_DOCUMENTS)
    expect(items[0]!.documents.map((d) => d.code)).toContain('case_report_form')
    expect(items[0]!.notify.organisation).toMatch(/provincial anti-fraud centre/)
    expect(items[0]!.notify.role).toMatch(/duty officer/)
  })

  it('escalation: bank accounts are not escalated', () => {
    expect(escalations(report()).map((e) => e.account)).not.toContain('BANK')
  })

  it('escalation: results move pending → submitted → resolved, purely, keeping history', () => {
    const [item] = escalations(report())
    const sent = recordEscalationResult(item!, { status: 'submitted', at: '2026-03-14T17:05:00+08:00', note: '已上传材料并电话通知值班民警' })
    const done = recordEscalationResult(sent, { status: 'resolved', at: '2026-03-14T19:40:00+08:00', reference: 'ZJ-88', frozenAmount: '8000.00' })
    expect(item!.status).toBe('pending')
    expect(item!.history).toEqual([])
    expect(sent.status).toBe('submitted')
    expect(done.status).toBe('resolved')
    expect(done.history.map((h) => h.status)).toEqual(['submitted', 'resolved'])
    expect(done.history[1]).toEqual({ status: 'resolved', at: '2026-03-14T19:40:00+08:00', reference: 'ZJ-88', frozenAmount: '8000.00' })
  })

  it('escalation: a failure can be retried; resolved is final', () => {
    const [item] = escalations(report())
    const failed = recordEscalationResult(recordEscalationResult(item!, { status: 'submitted', at: '2026-03-14T17:05:00Z' }), { status: 'failed', at: '2026-03-14T18:00:00Z', note: 'platform: funds already withdrawn' })
    const retried = recordEscalationResult(failed, { status: 'submitted', at: '2026-03-14T18:30:00Z' })
    expect(retried.history.map((h) => h.status)).toEqual(['submitted', 'failed', 'submitted'])
    const done = recordEscalationResult(retried, { status: 'resolved', at: '2026-03-14T19:00:00Z' })
    expect(() => recordEscalationResult(done, { status: 'failed', at: '2026-03-14T20:00:00Z' })).toThrow(/final/)
  })

  it('escalation: invalid transitions, times and amounts are refused with invalid_option', () => {
    const [item] = escalations(report())
    const err = (f: () => unknown) => { try { f() } catch (e) { return e as FundtraceError } throw new Error('no error') }
    expect(err(() => recordEscalationResult(item!, { status: 'resolved', at: '2026-03-14T17:05:00Z' })).issues[0]).toMatchObject({ code: 'invalid_option', path: ['status'] })
    expect(err(() => recordEscalationResult(item!, { status: 'submitted', at: '2026-03-14T17:05:00' })).issues[0]).toMatchObject({ code: 'invalid_option', path: ['at'] })
    const sent = recordEscalationResult(item!, { status: 'submitted', at: '2026-03-14T17:05:00Z' })
    expect(err(() => recordEscalationResult(sent, { status: 'resolved', at: '2026-03-14T17:04:59Z' })).issues[0]!.path).toEqual(['at'])
    expect(err(() => recordEscalationResult(sent, { status: 'resolved', at: '2026-03-14T18:00:00Z', frozenAmount: '-5' })).issues[0]!.path).toEqual(['frozenAmount'])
  })
})
