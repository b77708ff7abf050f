import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FundtraceError } from '../../src/errors/index.js'
import { restitutionPlan } from '../../src/plan/restitution.js'
import type { Method } from '../../src/report/types.js'
import { designExample, major, makeReport, minor } from './_fixtures.js'

const single = () => makeReport({
  victims: [{ id: 'V1', name: '王芳', loss: '50000.00' }],
  accounts: [{ id: '6222020200004321', level: 1, received: { V1: '50000.00' }, held: { V1: '12000.00' } }],
})

describe('restitution case 1 (one victim reached the account)', () => {
  it('restitution: single-victim account returns all to that victim', () => {
    const plan = restitutionPlan(single(), { '6222020200004321': '12000.00' })
    const acc = plan.accounts[0]!
    expect(acc).toMatchObject({ case: 1, rule: 'single_victim', returns: { V1: '12000.00' }, staysFrozen: '0.00', needsPublicNotice: false })
    expect(plan.victims[0]).toMatchObject({ id: 'V1', returned: '12000.00', remaining: '38000.00', fromAccounts: { '6222020200004321': '12000.00' } })
  })

  it('restitution: frozen money beyond the traced amount stays frozen (attributed to no victim)', () => {
    const acc = restitutionPlan(single(), { '6222020200004321': '15000.00' }).accounts[0]!
    expect(acc.returns).toEqual({ V1: '12000.00' })
    expect(acc.staysFrozen).toBe('3000.00')
  })

  it('restitution: frozen less than traced returns what is frozen, with a note', () => {
    const acc = restitutionPlan(single(), { '6222020200004321': '10000.00' }).accounts[0]!
    expect(acc.returns).toEqual({ V1: '10000.00' })
    expect(acc.staysFrozen).toBe('0.00')
    expect(acc.notes.join(' ')).toMatch(/scaled down/)
  })

  it('restitution: a single victim stays case 1 even with pro_rata or attributable:false', () => {
    const r = single()
    expect(restitutionPlan({ ...r, method: 'pro_rata' }, { '6222020200004321': '12000.00' }).accounts[0]!.case).toBe(1)
    const acc = restitutionPlan(r, { '6222020200004321': '12000.00' }, { attributable: false }).accounts[0]!
    expect(acc.case).toBe(1)
    expect(acc.needsPublicNotice).toBe(false)
  })
})

describe('restitution case 2 (time-ordered method identifies each victim)', () => {
  it('restitution: fifo returns each victim their traced amount (DESIGN §6: M A 400 / B 2,000, N A 600)', () => {
    const plan = restitutionPlan(designExample('fifo'), { M: '2400.00', N: '600.00' })
    const m = plan.accounts.find((a) => a.account === 'M')!
    const n = plan.accounts.find((a) => a.account === 'N')!
    expect(m).toMatchObject({ case: 2, rule: 'time_ordered', returns: { A: '400.00', B: '2000.00' }, staysFrozen: '0.00', needsPublicNotice: false })
    expect(n).toMatchObject({ case: 1, returns: { A: '600.00' } })
    expect(plan.victims.map((v) => [v.id, v.returned, v.remaining])).toEqual([['A', '1000.00', '0.00'], ['B', '2000.00', '0.00']])
    expect(plan.totals).toEqual({ frozen: '3000.00', returned: '3000.00', staysFrozen: '0.00' })
  })

  it('restitution: lifo returns the lifo-traced amounts (M A 1,000 / B 1,400, N B 600)', () => {
    const plan = restitutionPlan(designExample('lifo'), { M: '2400.00', N: '600.00' })
    expect(plan.accounts.find((a) => a.account === 'M')!.returns).toEqual({ A: '1000.00', B: '1400.00' })
    expect(plan.accounts.find((a) => a.account === 'N')!.returns).toEqual({ B: '600.00' })
  })

  it('restitution: victim_last returns the lowest-intermediate-balance amounts (M A 700 / B 2,000; N A 300)', () => {
    const plan = restitutionPlan(designExample('victim_last'), { M: '2700.00', N: '600.00' })
    const m = plan.accounts.find((a) => a.account === 'M')!
    expect(m.returns).toEqual({ A: '700.00', B: '2000.00' })
    expect(m.staysFrozen).toBe('0.00') // 700 + 2,000 = 2,700: M's own 300 went out first

    const n = plan.accounts.find((a) => a.account === 'N')!
    expect(n.returns).toEqual({ A: '300.00' })
    expect(n.staysFrozen).toBe('300.00') // the 300.00 of other money N received
  })

  it('restitution: frozen less than traced is scaled in proportion to traced amounts (1,200 of A 400 / B 2,000 → 200 / 1,000)', () => {
    const acc = restitutionPlan(designExample('fifo'), { M: '1200.00' }).accounts[0]!
    expect(acc.returns).toEqual({ A: '200.00', B: '1000.00' })
    expect(acc.staysFrozen).toBe('0.00')
  })
})

describe('restitution case 3 (rateable sharing in proportion to losses)', () => {
  it('restitution: attributable:false shares the victims\' money by losses (2,400 at 1:2 → A 800 / B 1,600) and needs the 30-day notice', () => {
    const plan = restitutionPlan(designExample('fifo'), { M: '2400.00' }, { attributable: false })
    const m = plan.accounts[0]!
    expect(m).toMatchObject({ case: 3, rule: 'rateable', returns: { A: '800.00', B: '1600.00' }, staysFrozen: '0.00', needsPublicNotice: true, noticeDays: 30 })
    expect(plan.victims.every((v) => v.needsPublicNotice)).toBe(true)
  })

  it('restitution: pro_rata method shares rateably (case 3)', () => {
    const m = restitutionPlan(designExample('pro_rata'), { M: '2400.00' }).accounts[0]!
    expect(m.case).toBe(3)
    expect(m.returns).toEqual({ A: '800.00', B: '1600.00' })
  })

  it('restitution: only the victims\' money is shared; the rest stays frozen (frozen 3,000 at M holding 2,400 of victims\' money)', () => {
    const m = restitutionPlan(designExample('fifo'), { M: '3000.00' }, { attributable: false }).accounts[0]!
    expect(m.returns).toEqual({ A: '800.00', B: '1600.00' })
    expect(m.staysFrozen).toBe('600.00')
  })

  it('restitution: a victim already restored elsewhere is capped and the rest goes to the others (N A 600 first, then M: A 400, B 2,000)', () => {
    const plan = restitutionPlan(designExample('fifo'), { M: '2400.00', N: '600.00' }, { attributable: false })
    expect(plan.accounts.map((a) => a.account)).toEqual(['N', 'M']) // attributed (case 1) before shared (case 3)
    expect(plan.accounts[0]!.returns).toEqual({ A: '600.00' })
    expect(plan.accounts[1]!.returns).toEqual({ A: '400.00', B: '2000.00' })
    expect(plan.accounts[1]!.staysFrozen).toBe('0.00')
    expect(plan.victims.map((v) => v.remaining)).toEqual(['0.00', '0.00'])
  })

  it('restitution: largest remainder in minor units, equal remainders by victim id (1.00 among three equal losses → 0.34 / 0.33 / 0.33)', () => {
    const r = makeReport({
      victims: [{ id: 'V2', loss: '5.00' }, { id: 'V1', loss: '5.00' }, { id: 'V3', loss: '5.00' }],
      accounts: [{ id: 'X', received: { V1: '5.00', V2: '5.00', V3: '5.00' }, held: { V1: '1.00' } }],
    })
    const acc = restitutionPlan(r, { X: '1.00' }, { attributable: false }).accounts[0]!
    expect(acc.returns).toEqual({ V1: '0.34', V2: '0.33', V3: '0.33' })
  })

  it('restitution: a larger remainder wins the leftover fen before victim id (1.00 at 1:2 → A 0.33, B 0.67)', () => {
    const r = makeReport({
      victims: [{ id: 'A', loss: '1.00' }, { id: 'B', loss: '2.00' }],
      accounts: [{ id: 'X', received: { A: '1.00', B: '2.00' }, held: { A: '0.50', B: '0.50' } }],
    })
    expect(restitutionPlan(r, { X: '1.00' }, { attributable: false }).accounts[0]!.returns).toEqual({ A: '0.33', B: '0.67' })
  })

  it('restitution: victims sharing include those whose money reached the account but was passed on', () => {
    const r = makeReport({
      victims: [{ id: 'A', loss: '100.00' }, { id: 'B', loss: '300.00' }],
      accounts: [{ id: 'X', received: { A: '100.00', B: '300.00' }, held: { B: '200.00' } }],
    })
    expect(restitutionPlan(r, { X: '200.00' }, { attributable: false }).accounts[0]!.returns).toEqual({ A: '50.00', B: '150.00' })
  })
})

describe('restitution bookkeeping', () => {
  it('restitution: an account no victim money reached keeps everything frozen', () => {
    const plan = restitutionPlan(single(), { '9999': '500.00' })
    expect(plan.accounts[0]).toMatchObject({ account: '9999', case: null, rule: 'unattributed', returns: {}, staysFrozen: '500.00' })
  })

  it('restitution: money already returned in the trace and options.restored reduce what can be paid', () => {
    const r = makeReport({
      victims: [{ id: 'V1', loss: '1000.00', returned: '300.00' }],
      accounts: [{ id: 'X', received: { V1: '1000.00' }, held: { V1: '700.00' } }],
    })
    const plan = restitutionPlan(r, { X: '700.00' }, { restored: { V1: '500.00' } })
    expect(plan.accounts[0]!.returns).toEqual({ V1: '200.00' })
    expect(plan.accounts[0]!.staysFrozen).toBe('500.00')
    expect(plan.victims[0]).toMatchObject({ restoredBefore: '800.00', returned: '200.00', remaining: '0.00' })
    expect(plan.victims[0]!.explanation.en).toMatch(/capped/)
  })

  it('restitution: explanations state the rule used, in Chinese and English', () => {
    const fifo = restitutionPlan(designExample('fifo'), { M: '2400.00' })
    expect(fifo.victims[0]!.explanation.en).toContain("Clayton's case")
    expect(fifo.victims[0]!.explanation.zh).toContain('克莱顿规则')
    expect(fifo.victims[0]!.explanation.en).toContain('ending M')
    const last = restitutionPlan(designExample('victim_last'), { M: '2700.00' })
    expect(last.victims[1]!.explanation.en).toContain('lowest intermediate balance')
    expect(last.victims[1]!.explanation.zh).toContain('最低中间余额')
    const shared = restitutionPlan(designExample('fifo'), { M: '2400.00' }, { attributable: false })
    expect(shared.victims[0]!.explanation.en).toContain('rateable sharing')
    expect(shared.victims[0]!.explanation.en).toContain('30-day public notice')
    expect(shared.victims[0]!.explanation.zh).toContain('被骗金额占比')
    expect(shared.victims[0]!.explanation.en).toBe(
      "王芳 (A) lost 1,000.00 CNY. 800.00 CNY returns from the account ending M: several victims' money reached the account and cannot be told apart, "
      + "so it is shared in proportion to each victim's loss (rateable sharing, Barlow Clowes v Vaughan; art. 8(3) of the 2016 Provisions on Returning "
      + 'Frozen Funds in Telecom/Network Fraud Cases) after a 30-day public notice. In total 800.00 CNY will be returned; 200.00 CNY of the loss is not yet restored.')
  })

  it('restitution: bad frozen amounts are refused with their path', () => {
    const err = (() => { try { restitutionPlan(single(), { X: '1.234' }) } catch (e) { return e } })()
    expect(err).toBeInstanceOf(FundtraceError)
    expect((err as FundtraceError).issues[0]).toMatchObject({ code: 'amount_precision', path: ['frozen', 'X'] })
    expect(() => restitutionPlan(single(), { X: '-1' })).toThrow(FundtraceError)
  })

  it('restitution: a method-comparison report (method "all") attributes by its base method', () => {
    const base = designExample('victim_last')
    const all = { ...base, method: 'all' as const, methods: { base: 'victim_last' as const, compared: ['fifo', 'lifo', 'pro_rata', 'victim_last'] as const, victims: {}, accounts: [] } }
    const plan = restitutionPlan(all, { M: '2700.00' })
    expect(plan.method).toBe('victim_last')
    expect(plan.accounts[0]).toMatchObject({ case: 2, tracing: 'victim_last', returns: { A: '700.00', B: '2000.00' } })
    expect(() => restitutionPlan({ ...base, method: 'all' }, { M: '1.00' })).toThrow(FundtraceError)
  })

  it('restitution: trade disputes are out of scope', () => {
    expect(() => restitutionPlan({ ...single(), caseType: 'trade_dispute' }, {})).toThrow(/trade disputes/)
  })

  it('restitution: the result does not depend on the order of the frozen map', () => {
    const a = restitutionPlan(designExample('fifo'), { M: '2400.00', N: '600.00' }, { attributable: false })
    const b = restitutionPlan(designExample('fifo'), { N: '600.00', M: '2400.00' }, { attributable: false })
    expect(JSON.stringify(b)).toBe(JSON.stringify(a))
  })
})

// ---- properties ----------------------------------------------------------------

const VICTIMS = ['A', 'B', 'C', 'D']
const ACCOUNTS = ['X1', 'X2', 'X3', 'X4', 'X5']
const cents = fc.bigInt({ min: 0n, max: 500_000n })

/** Reports whose per-victim traced amounts obey conservation: Σ held ≤ loss − returned. */
const arbCase = fc.record({
  nv: fc.integer({ min: 1, max: 4 }),
  grid: fc.array(fc.array(fc.tuple(fc.boolean(), cents, cents), { minLength: 4, maxLength: 4 }), { minLength: 5, maxLength: 5 }),
  extra: fc.array(fc.tuple(cents, cents), { minLength: 4, maxLength: 4 }),
  frozen: fc.array(fc.option(cents, { nil: undefined }), { minLength: 6, maxLength: 6 }),
  restored: fc.array(cents, { minLength: 4, maxLength: 4 }),
  method: fc.constantFrom<Method>('fifo', 'lifo', 'pro_rata', 'victim_last'),
  attributable: fc.boolean(),
}).map(({ nv, grid, extra, frozen, restored, method, attributable }) => {
  const vs = VICTIMS.slice(0, nv)
  const heldSum = new Map(vs.map((v) => [v, 0n]))
  const accounts = ACCOUNTS.map((id, i) => {
    const received: Record<string, string> = {}
    const held: Record<string, string> = {}
    vs.forEach((v, j) => {
      const [reached, h, more] = grid[i]![j]!
      if (!reached) return
      received[v] = major(h + more + 1n)
      held[v] = major(h)
      heldSum.set(v, heldSum.get(v)! + h)
    })
    return { id, received, held }
  })
  const report = makeReport({
    method,
    victims: vs.map((v, j) => {
      const [ret, exited] = extra[j]!
      return { id: v, loss: major(heldSum.get(v)! + ret + exited + 1n), returned: major(ret) }
    }),
    accounts,
  })
  const frozenMap: Record<string, string> = {}
  ;[...ACCOUNTS, 'Z-unknown'].forEach((id, i) => { if (frozen[i] !== undefined) frozenMap[id] = major(frozen[i]!) })
  const restoredMap = Object.fromEntries(vs.map((v, j) => [v, major(restored[j]!)]))
  return { report, frozenMap, restoredMap, attributable }
})

describe('restitution properties', () => {
  it('restitution property: every fen frozen is accounted for — per account returns + stays frozen = frozen, exactly', () => {
    fc.assert(fc.property(arbCase, ({ report, frozenMap, restoredMap, attributable }) => {
      const plan = restitutionPlan(report, frozenMap, { attributable, restored: restoredMap })
      expect(plan.accounts.map((a) => a.account).sort()).toEqual(Object.keys(frozenMap).sort())
      let total = 0n
      for (const a of plan.accounts) {
        const returned = Object.values(a.returns).reduce((s, x) => s + minor(x), 0n)
        for (const x of Object.values(a.returns)) expect(minor(x)).toBeGreaterThanOrEqual(0n)
        expect(minor(a.staysFrozen)).toBeGreaterThanOrEqual(0n)
        expect(returned + minor(a.staysFrozen)).toBe(minor(frozenMap[a.account]!))
        expect(a.frozen).toBe(frozenMap[a.account])
        total += returned
      }
      expect(minor(plan.totals.returned)).toBe(total)
      expect(minor(plan.totals.returned) + minor(plan.totals.staysFrozen)).toBe(minor(plan.totals.frozen))
    }), { numRuns: 400 })
  })

  it('restitution property: no victim is paid more than the loss not yet restored', () => {
    fc.assert(fc.property(arbCase, ({ report, frozenMap, restoredMap, attributable }) => {
      const plan = restitutionPlan(report, frozenMap, { attributable, restored: restoredMap })
      for (const v of report.victims) {
        const pv = plan.victims.find((x) => x.id === v.id)!
        const cap = minor(v.loss) - minor(v.returned) - minor(restoredMap[v.id]!)
        const paid = plan.accounts.reduce((s, a) => s + (a.returns[v.id] === undefined ? 0n : minor(a.returns[v.id]!)), 0n)
        expect(paid).toBe(minor(pv.returned))
        expect(paid).toBeLessThanOrEqual(cap > 0n ? cap : 0n)
        expect(minor(pv.remaining)).toBe(cap - paid > 0n ? cap - paid : 0n)
      }
    }), { numRuns: 400 })
  })

  it('restitution property: with a time-ordered method, frozen = traced and nothing restored, each victim gets exactly the traced amounts', () => {
    fc.assert(fc.property(arbCase, ({ report }) => {
      const timeOrdered = { ...report, method: 'fifo' as const }
      const frozen = Object.fromEntries(report.accounts.map((a) => [a.id, a.heldTotal]))
      const plan = restitutionPlan(timeOrdered, frozen)
      for (const a of report.accounts) {
        const got = plan.accounts.find((x) => x.account === a.id)!
        for (const [v, h] of Object.entries(a.held)) expect(got.returns[v]).toBe(h)
        expect(got.staysFrozen).toBe('0.00')
      }
    }), { numRuns: 200 })
  })
})
