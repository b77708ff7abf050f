import { describe, expect, it } from 'vitest'
import { FundtraceError } from '../../src/errors/index.js'
import { resolvePolicy } from '../../src/plan/resolve-policy.js'
import { assertInScope, caseSeverity, victimSeverities } from '../../src/plan/scope.js'
import { makeReport } from './_fixtures.js'

describe('scope', () => {
  it('scope: trade disputes are refused with out_of_scope and a clear message', () => {
    try {
      assertInScope('trade_dispute')
      throw new Error('not refused')
    } catch (e) {
      expect(e).toBeInstanceOf(FundtraceError)
      const issue = (e as FundtraceError).issues[0]!
      expect(issue).toMatchObject({ code: 'out_of_scope', path: ['caseType'] })
      expect(issue.message).toMatch(/trade disputes \(贸易纠纷\) are outside/)
    }
  })

  it('scope: telecom fraud and online-banking theft are in scope; anything else is an invalid option', () => {
    expect(() => assertInScope('telecom_fraud')).not.toThrow()
    expect(() => assertInScope('online_banking_theft')).not.toThrow()
    expect(() => assertInScope('romance')).toThrow(FundtraceError)
  })
})

describe('severity', () => {
  const r = makeReport({
    victims: [
      { id: 'V1', loss: '1999.99' }, { id: 'V2', loss: '2000.00' }, { id: 'V3', loss: '30000.00' },
      { id: 'V4', loss: '199999.99' }, { id: 'V5', loss: '200000.00' },
    ],
  })

  it('severity: individual bands at 2,000 large, 30,000 huge, 200,000 especially huge (boundaries inclusive)', () => {
    expect(victimSeverities(r)).toEqual({ V1: 'below_threshold', V2: 'large', V3: 'huge', V4: 'huge', V5: 'especially_huge' })
  })

  it('severity: organisations use their own bands', () => {
    expect(victimSeverities(r, { holderTypes: { V3: 'organisation', V5: 'organisation' } })).toMatchObject({ V3: 'below_threshold', V5: 'huge' })
  })

  it('severity: the policy\'s thresholds apply', () => {
    const policy = resolvePolicy({ severity: { individual: ['3000', '50000', '500000'] } })
    expect(victimSeverities(r, { policy })).toMatchObject({ V2: 'below_threshold', V3: 'large', V5: 'huge' })
  })

  it('severity: the case band is that of the accumulated loss (20,000 + 15,000 = 35,000 → huge)', () => {
    const two = makeReport({ victims: [{ id: 'A', loss: '20000.00' }, { id: 'B', loss: '15000.00' }] })
    expect(victimSeverities(two)).toEqual({ A: 'large', B: 'large' })
    expect(caseSeverity(two)).toBe('huge')
  })

  it('severity: a case of organisations only uses the organisation bands, never below its worst victim', () => {
    const orgs = makeReport({ victims: [{ id: 'A', loss: '40000.00' }, { id: 'B', loss: '20000.00' }] })
    expect(caseSeverity(orgs, { holderTypes: { A: 'organisation', B: 'organisation' } })).toBe('large') // 60,000 ≥ 50,000
    expect(caseSeverity(orgs, { holderTypes: { A: 'organisation' } })).toBe('huge') // B an individual: 60,000 ≥ 30,000
    const policy = resolvePolicy({ severity: { organisation: ['10', '20', '30'] } })
    const mixed = makeReport({ victims: [{ id: 'A', loss: '100.00' }, { id: 'B', loss: '1.00' }] })
    expect(caseSeverity(mixed, { policy, holderTypes: { A: 'organisation' } })).toBe('especially_huge')
  })
})
