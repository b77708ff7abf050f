import { describe, expect, it } from 'vitest'
import { FundtraceError } from '../../src/errors/index.js'
import { DEFAULT_POLICY } from '../../src/plan/policy.js'
import { resolvePolicy } from '../../src/plan/resolve-policy.js'

const issues = (f: () => unknown) => {
  try { f() } catch (e) { if (e instanceof FundtraceError) return e.issues; throw e }
  throw new Error('expected a FundtraceError')
}

describe('policy', () => {
  it('policy: no overrides gives the playbook defaults (telecom funded long-term, unfunded 5 days; theft long-term)', () => {
    const p = resolvePolicy()
    expect(p).toBe(DEFAULT_POLICY)
    expect(p.holds).toEqual({ telecom_fraud: { funded: 'long_term', unfunded: '5d' }, online_banking_theft: { funded: 'long_term', unfunded: 'long_term' } })
  })

  it('policy: overrides deep-merge over the defaults', () => {
    const p = resolvePolicy({ holds: { telecom_fraud: { unfunded: 'long_term' } }, severity: { organisation: ['100000', '300000', '2000000'] } })
    expect(p.holds.telecom_fraud).toEqual({ funded: 'long_term', unfunded: 'long_term' })
    expect(p.holds.online_banking_theft).toEqual(DEFAULT_POLICY.holds.online_banking_theft)
    expect(p.severity.individual).toEqual(DEFAULT_POLICY.severity.individual)
    expect(p.severity.organisation).toEqual(['100000', '300000', '2000000'])
    expect(p.remark).toBe(DEFAULT_POLICY.remark)
  })

  it('policy: arrays replace the default, duplicates dropped; the result is deeply frozen', () => {
    const p = resolvePolicy({ escalateKinds: ['payment_platform', 'payment_platform'] })
    expect(p.escalateKinds).toEqual(['payment_platform'])
    expect(Object.isFrozen(p)).toBe(true)
    expect(Object.isFrozen(p.holds.telecom_fraud)).toBe(true)
    expect(Object.isFrozen(p.escalateKinds)).toBe(true)
  })

  it('policy: schema errors are invalid_option issues with their paths, all collected', () => {
    const found = issues(() => resolvePolicy({ holds: { telecom_fraud: { funded: 'forever' } }, minActionAmount: '-1', colour: 'red' }))
    expect(found.every((i) => i.code === 'invalid_option')).toBe(true)
    expect(found.map((i) => i.path)).toEqual(expect.arrayContaining([['holds', 'telecom_fraud', 'funded'], ['minActionAmount'], []]))
    expect(found.length).toBe(3)
    expect(issues(() => resolvePolicy(null))[0]!.code).toBe('invalid_option')
  })

  it('policy: issue paths can be prefixed', () => {
    expect(issues(() => resolvePolicy({ remark: '' }, { path: ['policy'] }))[0]!.path).toEqual(['policy', 'remark'])
  })

  it('policy: severity thresholds must not decrease', () => {
    const found = issues(() => resolvePolicy({ severity: { individual: ['2000', '1999.99', '200000'] } }))
    expect(found).toEqual([expect.objectContaining({ code: 'invalid_option', path: ['severity', 'individual', 1] })])
    expect(resolvePolicy({ severity: { individual: ['2000', '2000.00', '200000'] } }).severity.individual[1]).toBe('2000.00')
  })

  it('policy: a kind cannot be both escalated and stoppable', () => {
    expect(issues(() => resolvePolicy({ stoppableKinds: ['bank', 'payment_platform'] }))[0]).toMatchObject({ code: 'invalid_option', path: ['stoppableKinds'] })
  })
})
