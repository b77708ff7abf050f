import { describe, expect, it } from 'vitest'
import { parseCase, safeParseCase } from '../../src/case/parse.js'
import type { RawObject } from './_raw.js'

const HOSTILE = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '__defineGetter__', 'isPrototypeOf']

function caseOf(victims: RawObject[], transfers: RawObject[], accounts: RawObject[] = []): RawObject {
  return { format: 'fundtrace/case@1', caseId: 'C1', caseType: 'telecom_fraud', currency: 'CNY', timezone: 'UTC', accounts, victims, transfers }
}

function codesAt(raw: unknown): string[] {
  const result = safeParseCase(raw)
  return result.success ? [] : result.error.issues.map((i) => `${i.code} @ ${i.path.join('.')}`)
}

describe('hostile ids', () => {
  it('ids that are Object.prototype names work everywhere and pollute nothing', () => {
    const accounts = HOSTILE.map((id) => ({ id, holder: id, openingBalance: '1.00' }))
    const transfers = HOSTILE.map((id, i) => ({ id, from: id, to: HOSTILE[(i + 1) % HOSTILE.length]!, amount: '10.00', time: '2026-03-14T10:00:00Z' }))
    const victims = HOSTILE.map((id) => ({ id, accounts: [id], transfers: [id] }))
    // JSON text, so "__proto__" is an own key of the parsed objects, as in a real file
    const text = JSON.stringify(caseOf(victims, transfers, accounts))
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype)
    const c = parseCase(text)
    expect(c.transfers.map((t) => t.id)).toEqual(HOSTILE)
    expect(c.victims.map((v) => v.transfers)).toEqual(HOSTILE.map((id) => [id]))
    expect(c.accounts.map((a) => a.id)).toEqual(HOSTILE)
    expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(prototypeKeys)
    const fresh = {} as Record<string, unknown>
    expect([fresh.holder, fresh.id, fresh.amount, fresh.accounts]).toEqual([undefined, undefined, undefined, undefined])
    expect(typeof Object.prototype.toString).toBe('function')
    expect(Object.getPrototypeOf(c.transfers[0])).toBe(Object.prototype)
  })

  it('a duplicate hostile id is still found (no prototype lookups pretend it exists or not)', () => {
    const t = (id: string) => ({ id, from: 'A', to: 'B', amount: '1', time: '2026-03-14T10:00:00Z' })
    expect(codesAt(caseOf([{ id: 'V', accounts: ['A'], transfers: ['constructor'] }], [t('toString'), t('toString')]))).toEqual([
      'duplicate_id @ transfers.1.id',
      'unknown_transfer @ victims.0.transfers.0',
    ])
  })

  it('a __proto__ key in a transfer object is an unknown field, not a prototype change', () => {
    const text = '{"format":"fundtrace/case@1","caseId":"C","caseType":"telecom_fraud","currency":"CNY","timezone":"UTC",' +
      '"victims":[{"id":"V","accounts":["A"],"transfers":["T1"]}],' +
      '"transfers":[{"id":"T1","from":"A","to":"B","amount":"1","time":"2026-03-14T10:00:00Z","__proto__":{"status":"pending"}}]}'
    expect(codesAt(text)).toEqual(['schema @ transfers.0.__proto__'])
    expect(codesAt(text.replace('"format"', '"__proto__":{"x":1},"format"'))).toEqual(['schema @ __proto__', 'schema @ transfers.0.__proto__'])
  })
})

describe('the identifier rule', () => {
  const transfer = (id: string, from = 'A', to = 'B') => ({ id, from, to, amount: '1', time: '2026-03-14T10:00:00Z' })

  it.each([
    ['an empty id', ''],
    ['leading whitespace', ' T1'],
    ['trailing whitespace', 'T1 '],
    ['a trailing ideographic space', 'T1\u3000'],
    ['a tab inside', 'T\t1'],
    ['a NUL', 'T\u00001'],
    ['a C1 control (NEL)', 'T\u00851'],
    ['a lone surrogate', 'T\uD800'],
    ['257 characters', 'x'.repeat(257)],
  ])('refuses %s with schema (never trims)', (_name, id) => {
    expect(codesAt(caseOf([{ id: 'V', accounts: ['A'], transfers: ['T0'] }], [transfer('T0'), transfer(id)]))).toEqual(['schema @ transfers.1.id'])
  })

  it('accepts 256 characters, counted in code points', () => {
    const astral = '😀'.repeat(256)
    const c = parseCase(caseOf([{ id: 'V', accounts: ['A'], transfers: [astral] }], [transfer(astral)]))
    expect(c.transfers[0]?.id).toBe(astral)
  })

  it('normalises ids and names to NFC, so references written differently still match', () => {
    const decomposed = 'Jose\u0301'
    const composed = 'Jos\u00e9'
    const c = parseCase(caseOf(
      [{ id: `V-${decomposed}`, name: decomposed, accounts: [decomposed], transfers: [`T-${composed}`] }],
      [transfer(`T-${decomposed}`, composed, 'B')],
      [{ id: decomposed, holder: `${decomposed} Ltd` }],
    ))
    expect(c.victims[0]).toMatchObject({ id: `V-${composed}`, name: composed, accounts: [composed], transfers: [`T-${composed}`] })
    expect(c.transfers[0]).toMatchObject({ id: `T-${composed}`, from: composed })
    expect(c.accounts[0]).toMatchObject({ id: composed, holder: `${composed} Ltd` })
  })

  it('ids equal after NFC are duplicate_id, and the message says so', () => {
    const result = safeParseCase(caseOf([{ id: 'V', accounts: ['A'], transfers: ['T0'] }], [transfer('T0'), transfer('caf\u00e9'), transfer('cafe\u0301')]))
    expect(result.success).toBe(false)
    if (result.success) return
    expect(result.error.issues.map((i) => `${i.code} @ ${i.path.join('.')}`)).toEqual(['duplicate_id @ transfers.2.id'])
    expect(result.error.issues[0]?.message).toContain('NFC')
  })

  it('caseId follows the rule too', () => {
    expect(codesAt({ ...caseOf([{ id: 'V', accounts: ['A'], transfers: ['T0'] }], [transfer('T0')]), caseId: 'C1\n' })).toEqual(['schema @ caseId'])
  })
})
