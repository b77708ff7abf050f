import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FundtraceError } from '../../src/errors/index.js'
import { VICTIM_GUIDANCE, victimNotice } from '../../src/plan/victim-notice.js'
import { major, makeReport } from './_fixtures.js'

const report = () => makeReport({
  victims: [{ id: 'V1', name: '王芳', loss: '50000.00' }, { id: 'V2', name: '李强', loss: '8000.00' }],
  accounts: [
    { id: '6222020200004321', levels: { V1: 1 }, institution: 'ICBC', branch: '历下支行', holder: '张三', received: { V1: '50000.00' }, held: { V1: '12000.00' } },
    { id: '6228480000001111', levels: { V2: 1, V1: 2 }, institution: 'ABC', branch: '高新支行', holder: '赵六', received: { V1: '10000.00', V2: '8000.00' }, held: { V1: '10000.00', V2: '8000.00' } },
    { id: '6217000000002222', levels: { V1: 2 }, institution: 'CCB', holder: '孙七', received: { V1: '28000.00' }, held: { V1: '9000.00' } },
    { id: '2088000012345678', levels: { V1: 1 }, kind: 'payment_platform', institution: 'Alipay', holder: '李强', received: { V1: '1000.00' }, held: { V1: '1000.00' } },
  ],
})

describe('victim notice', () => {
  it('victim notice: lists only the level-1 accounts that received that victim\'s money', () => {
    const n = victimNotice(report(), 'V1')
    expect(n.accounts.map((a) => a.account)).toEqual(['2088000012345678', '6222020200004321'])
    expect(n.accounts[1]).toEqual({ account: '6222020200004321', holder: '张三', institution: 'ICBC', branch: '历下支行' })
  })

  it('victim notice: an account at level 1 for another victim but level 2 for this one is not listed', () => {
    expect(victimNotice(report(), 'V1').accounts.map((a) => a.account)).not.toContain('6228480000001111')
    expect(victimNotice(report(), 'V2').accounts.map((a) => a.account)).toEqual(['6228480000001111'])
  })

  it('victim notice: gives the guidance to report to the police and nothing else (no amounts, no other victims)', () => {
    const n = victimNotice(report(), 'V1')
    expect(Object.keys(n).sort()).toEqual(['accounts', 'caseId', 'guidance', 'victim'])
    expect(n.guidance).toBe(VICTIM_GUIDANCE)
    expect(n.guidance.zh).toContain('110')
    expect(n.victim).toEqual({ id: 'V1', name: '王芳' })
    const text = JSON.stringify(n)
    expect(text).not.toMatch(/\d+\.\d{2}/)
    expect(text).not.toContain('V2')
  })

  it('victim notice: a holder name equal to another victim\'s name is withheld', () => {
    const alipay = victimNotice(report(), 'V1').accounts.find((a) => a.account === '2088000012345678')!
    expect(alipay).toEqual({ account: '2088000012345678', institution: 'Alipay' })
    expect(JSON.stringify(victimNotice(report(), 'V1'))).not.toContain('李强')
  })

  it('victim notice: an unknown victim id is refused', () => {
    expect(() => victimNotice(report(), 'V9')).toThrow(FundtraceError)
    try { victimNotice(report(), 'V9') } catch (e) { expect((e as FundtraceError).issues[0]!.code).toBe('unknown_victim') }
  })

  it('victim notice: trade disputes are out of scope', () => {
    expect(() => victimNotice({ ...report(), caseType: 'trade_dispute' }, 'V1')).toThrow(/trade disputes/)
  })
})

const NAMES = ['王芳', '李强', '张三', '赵六', '孙七', '周八', '吴九']
const arbReport = fc.record({
  nv: fc.integer({ min: 1, max: 4 }),
  victimNames: fc.array(fc.option(fc.constantFrom(...NAMES), { nil: undefined }), { minLength: 4, maxLength: 4 }),
  accounts: fc.array(fc.record({
    levels: fc.array(fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }), { minLength: 4, maxLength: 4 }),
    holder: fc.option(fc.constantFrom(...NAMES), { nil: undefined }),
    held: fc.array(fc.bigInt({ min: 1n, max: 10_000_000n }), { minLength: 4, maxLength: 4 }),
    kind: fc.constantFrom('bank', 'payment_platform', 'pos_merchant' as const),
  }), { minLength: 0, maxLength: 8 }),
}).map(({ nv, victimNames, accounts }) => {
  const ids = ['V1', 'V2', 'V3', 'V4'].slice(0, nv)
  return makeReport({
    victims: ids.map((id, i) => ({ id, loss: '99999.99', ...(victimNames[i] !== undefined ? { name: victimNames[i] } : {}) })),
    accounts: accounts.flatMap((a, k) => {
      const levels: Record<string, number> = {}
      const received: Record<string, string> = {}
      const held: Record<string, string> = {}
      ids.forEach((v, i) => {
        const l = a.levels[i]
        if (l === undefined) return
        levels[v] = l
        received[v] = major(a.held[i]! * 2n)
        held[v] = major(a.held[i]!)
      })
      if (Object.keys(levels).length === 0) return []
      return [{ id: String(6222000000000000 + k * 7919), levels, received, held, kind: a.kind as 'bank', institution: 'ICBC', branch: '历下支行', ...(a.holder !== undefined ? { holder: a.holder } : {}) }]
    }),
  })
})

describe('victim notice properties', () => {
  it('victim notice property: never contains a level ≥ 2 account, any held amount, or another victim\'s id or name', () => {
    fc.assert(fc.property(arbReport, fc.nat(), (r, pick) => {
      const victim = r.victims[pick % r.victims.length]!
      const n = victimNotice(r, victim.id)
      const deep = r.accounts.filter((a) => a.level >= 2 || a.levels[victim.id] !== 1).map((a) => a.id)
      const strings: string[] = []
      const walk = (x: unknown): void => {
        if (typeof x === 'string') strings.push(x)
        else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) { strings.push(k); walk(v) }
      }
      walk({ ...n, guidance: undefined })
      for (const id of deep) expect(strings).not.toContain(id)
      for (const a of r.accounts) for (const h of [...Object.values(a.held), a.heldTotal]) expect(strings).not.toContain(h)
      expect(strings.some((s) => /^\d+\.\d+$/.test(s))).toBe(false)
      for (const other of r.victims) {
        if (other.id === victim.id) continue
        expect(strings).not.toContain(other.id)
        if (other.name !== undefined && other.name !== victim.name) expect(strings).not.toContain(other.name)
      }
      // and every level-1 account of this victim is listed
      const expected = r.accounts.filter((a) => a.levels[victim.id] === 1).map((a) => a.id).sort()
      expect(n.accounts.map((a) => a.account).sort()).toEqual(expected)
    }), { numRuns: 500 })
  })
})
