import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { maskAccount, maskName, maskReport } from '../../../src/io/render/mask.js'
import { toReport } from '../../../src/report/index.js'
import { trace } from '../../../src/trace/index.js'
import { at, makeCase, yuan } from '../../_case.js'
import { demoReport } from './_demo.js'

const visible = (masked: string) => Array.from(masked.replace(/ #\d+$/, '')).filter((ch) => ch !== '*' && ch !== ' ').length

describe('maskAccount', () => {
  it('keeps the first and last four digits of card numbers, in groups', () => {
    expect(maskAccount('6222020200004321')).toBe('6222 **** **** 4321')
    expect(maskAccount('6217000010001234567')).toBe('6217 **** **** *** 4567')
  })

  it('keeps a short prefix and suffix of other ids', () => {
    expect(maskAccount('ALIPAY-2088102233445566')).toBe('ALIP***************5566')
    expect(maskAccount('CASH-CMB-ATM')).toBe('CAS******ATM')
    expect(maskAccount('12345678')).toBe('12****78')
    expect(maskAccount('M1')).toBe('M*')
    expect(maskAccount('M')).toBe('*')
    expect(maskAccount('')).toBe('*')
  })

  it('never shows more than half of the characters, nor the whole id (property)', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), fc.stringMatching(/^[0-9]{8,24}$/), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 })), (id) => {
      const masked = maskAccount(id)
      const n = Array.from(id).length
      expect(visible(masked)).toBeLessThanOrEqual(Math.floor(n / 2))
      if (n >= 2 && !id.includes('*')) expect(masked.includes(id)).toBe(false)
      expect(maskAccount(id)).toBe(masked)
    }), { numRuns: 500 })
  })
})

describe('maskName', () => {
  it('keeps the first character (or a compound surname) and stars the rest', () => {
    expect(maskName('张三')).toBe('张*')
    expect(maskName('王芳芳')).toBe('王**')
    expect(maskName('欧阳娜娜')).toBe('欧阳**')
    expect(maskName('欧阳')).toBe('欧*')
    expect(maskName('王')).toBe('*')
    expect(maskName('WIN FORTUNE')).toBe('W**********')
    expect(maskName('')).toBe('')
  })

  it('never shows a whole name of two or more characters (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', minLength: 2, maxLength: 12 }).filter((name) => !name.includes('*')), (name) => {
      expect(maskName(name).includes(name)).toBe(false)
    }), { numRuns: 300 })
  })
})

describe('maskReport', () => {
  const report = demoReport()
  const masked = maskReport(report)
  const json = JSON.stringify(masked)

  it('masks every account id and name, consistently across sections', () => {
    for (const a of report.accounts) {
      expect(json).not.toContain(a.id)
      if (a.holder) expect(json).not.toContain(a.holder)
    }
    for (const v of report.victims) expect(json).not.toContain(v.name!)
    for (const f of report.flows!) { expect(json).not.toContain(f.from); expect(json).not.toContain(f.to) }
    const first = masked.actions[0]!
    expect(first.account).toBe('6222 **** **** 4321')
    expect(masked.accounts.map((a) => a.id)).toContain(first.account)
    expect(Object.keys(masked.evidence!)).toContain(first.account)
    expect(masked.flows!.some((f) => f.from === first.account)).toBe(true)
    expect(masked.evidence!['6214 **** **** 0001']![0]!.steps.map((s) => s.to)).toEqual(['6222 **** **** 4321', '6214 **** **** 0001'])
    expect(masked.warnings.map((w) => w.message).join('\n')).toContain('6214 **** **** 0001')
    expect(masked.warnings[0]!.path).toEqual(['accounts', '6214 **** **** 0001'])
    expect(masked.victims.map((v) => v.name)).toEqual(['王*', '刘*'])
  })

  it('keeps amounts, victim ids, transfer ids, times and order', () => {
    expect(masked.victims.map((v) => [v.id, v.loss, v.held])).toEqual(report.victims.map((v) => [v.id, v.loss, v.held]))
    expect(masked.actions.map((a) => [a.rank, a.kind, a.amount, a.transfer])).toEqual(report.actions.map((a) => [a.rank, a.kind, a.amount, a.transfer]))
    expect(masked.flows!.map((f) => [f.transfer, f.time, f.carried])).toEqual(report.flows!.map((f) => [f.transfer, f.time, f.carried]))
    expect(maskReport(report)).toEqual(masked)
  })

  it('gives look-alike ids different masks and leaves short ids alone inside longer words', () => {
    const c = makeCase({
      accounts: [{ id: 'M1' }, { id: 'M10' }],
      victims: [{ id: 'A', accounts: ['6222000000001111'], transfers: ['T1', 'T2'] }],
      transfers: [
        { id: 'T1', from: '6222000000001111', to: 'M1', amount: yuan(100), time: at(0) },
        { id: 'T2', from: '6222000000001111', to: 'M10', amount: yuan(50), time: at(1) },
        { id: 'T3', from: 'M1', to: '6222999999991111', amount: yuan(30), time: at(2) },
      ],
    })
    const original = toReport(trace(c), { flows: true, evidence: true })
    const r = maskReport(original)
    const ids = r.accounts.map((a) => a.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toEqual(['M*', 'M**', '6222 **** **** 1111 #2'])
    expect(r.flows!.map((f) => `${f.from} > ${f.to}`)).toEqual(['6222 **** **** 1111 > M*', '6222 **** **** 1111 > M**', 'M* > 6222 **** **** 1111 #2'])
    expect(JSON.stringify(r)).not.toMatch(/M1|6222000000001111|6222999999991111/)
    const text = maskReport({ ...original, warnings: [{ code: 'unreachable', message: 'M10 and M1 (not XM1 or M1x) sent', path: ['accounts', 'M10'] }] }).warnings[0]!
    expect(text.message).toBe('M** and M* (not XM1 or M1x) sent')
    expect(text.path).toEqual(['accounts', 'M**'])
  })

  it('masks long digit runs left in free text', () => {
    const r = maskReport({ ...report, warnings: [{ code: 'unreachable', message: 'noise account 6212260000007777 touched it', path: ['transfers', 'T00'] }] })
    expect(r.warnings[0]!.message).toBe('noise account 6212 **** **** 7777 touched it')
  })
})
