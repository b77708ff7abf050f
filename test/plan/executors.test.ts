import { describe, expect, it } from 'vitest'
import { FundtraceError } from '../../src/errors/index.js'
import { assignExecutors, POLICE_PLATFORM } from '../../src/plan/executors.js'
import { resolvePolicy } from '../../src/plan/resolve-policy.js'
import { makeReport } from './_fixtures.js'

const report = () => makeReport({
  victims: [{ id: 'V1', loss: '50000.00' }],
  accounts: [
    { id: 'OWN', institution: 'BOC', branch: '济南分行营业部', received: { V1: '1.00' } },
    { id: 'OTHER', institution: 'ICBC', branch: '历下支行', received: { V1: '1.00' } },
    { id: 'NOWHERE', received: { V1: '1.00' } },
    { id: 'ALIPAY', kind: 'payment_platform', institution: 'Alipay', received: { V1: '1.00' } },
    { id: 'POS', kind: 'pos_merchant', institution: 'BOC', received: { V1: '1.00' } },
  ],
  actions: [
    { account: 'ALIPAY', kind: 'escalate_platform', amount: '9.00' },
    { account: 'OWN', hold: 'long_term', amount: '8.00' },
    { account: 'OTHER', hold: 'long_term', amount: '7.00' },
    { account: 'NOWHERE', hold: '5d' },
    { account: 'POS', kind: 'stop_payment', hold: '5d' },
    { account: 'OWN', kind: 'delay_credit', amount: '1.00' },
  ],
})

describe('executors', () => {
  it('executors: accounts at the responding institution are stopped directly at the counter system', () => {
    const own = assignExecutors(report(), { institution: 'BOC' }).filter((a) => a.account === 'OWN')
    expect(own[0]!.executor).toEqual({ by: 'self', how: 'direct stop payment at the counter system' })
    expect(own[1]!.executor).toMatchObject({ by: 'self', how: expect.stringMatching(/delay crediting/) })
  })

  it('executors: accounts at other institutions go to their opening branch through the police anti-fraud platform', () => {
    const other = assignExecutors(report(), { institution: 'BOC' }).find((a) => a.account === 'OTHER')!
    expect(other.executor).toEqual({ by: 'opening_branch', institution: 'ICBC', branch: '历下支行', via: 'police anti-fraud platform (电信网络诈骗侦办平台)' })
    expect(POLICE_PLATFORM).toBe('police anti-fraud platform (电信网络诈骗侦办平台)')
  })

  it('executors: an account of unknown institution goes to its (unknown) opening branch', () => {
    const x = assignExecutors(report(), { institution: 'BOC' }).find((a) => a.account === 'NOWHERE')!
    expect(x.executor).toEqual({ by: 'opening_branch', via: POLICE_PLATFORM })
  })

  it('executors: payment platforms and POS merchants go to the anti-fraud centre, even at the responding institution', () => {
    const all = assignExecutors(report(), { institution: 'BOC' })
    expect(all.find((a) => a.account === 'ALIPAY')!.executor.by).toBe('anti_fraud_centre')
    expect(all.find((a) => a.account === 'POS')!.executor.by).toBe('anti_fraud_centre')
  })

  it('executors: the institution is matched trimmed and case-insensitively; rank order and action fields are kept', () => {
    const all = assignExecutors(report(), { institution: ' boc ' })
    expect(all.map((a) => a.rank)).toEqual([1, 2, 3, 4, 5, 6])
    expect(all.map((a) => a.executor.by)).toEqual(['anti_fraud_centre', 'self', 'opening_branch', 'opening_branch', 'anti_fraud_centre', 'self'])
    expect(all[1]).toMatchObject({ account: 'OWN', kind: 'stop_payment', hold: 'long_term', amount: '8.00' })
  })

  it('executors: from ICBC\'s point of view the same report flips self and opening branch', () => {
    const all = assignExecutors(report(), { institution: 'ICBC' })
    expect(all.find((a) => a.account === 'OTHER')!.executor.by).toBe('self')
    expect(all.find((a) => a.account === 'OWN')!.executor).toMatchObject({ by: 'opening_branch', institution: 'BOC' })
  })

  it('executors: the policy decides which kinds are escalated', () => {
    const policy = resolvePolicy({ escalateKinds: ['payment_platform'] })
    expect(assignExecutors(report(), { institution: 'BOC', policy }).find((a) => a.account === 'POS')!.executor.by).toBe('self')
  })

  it('executors: a missing institution and trade disputes are refused', () => {
    expect(() => assignExecutors(report(), { institution: ' ' })).toThrow(FundtraceError)
    expect(() => assignExecutors({ ...report(), caseType: 'trade_dispute' }, { institution: 'BOC' })).toThrow(/trade disputes/)
  })
})
