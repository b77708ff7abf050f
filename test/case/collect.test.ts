import { describe, expect, it } from 'vitest'
import { parseCase, safeParseCase } from '../../src/case/parse.js'
import { validRaw, type Json, type RawObject } from './_raw.js'

function withBadTransfers(): RawObject {
  const raw = validRaw()
  const transfers = raw.transfers as Json[]
  transfers.push(
    { id: 'T5', from: 'X', to: 'Y', amount: '1.001', time: '2026-03-14T10:00' },
    'not a transfer',
    { id: 'T7', from: 'X', to: 'X', amount: '3', time: '2026-03-14' },
    { id: 'T8', from: 'X', to: 'Y', amount: '8', time: '2026-03-14T12:00' },
  )
  return raw
}

describe("onInvalid: 'collect'", () => {
  it('leaves invalid transfers out and returns them with their index, id, raw value and issues', () => {
    const raw = withBadTransfers()
    const result = safeParseCase(raw, { onInvalid: 'collect' })
    if (!result.success) throw result.error
    expect(result.data.transfers.map((t) => t.id)).toEqual(['T1', 'T2', 'T3', 'T4', 'T8'])
    expect(result.invalid.map((i) => [i.index, i.id])).toEqual([[4, 'T5'], [5, undefined], [6, 'T7']])
    expect(result.invalid[1]?.raw).toBe('not a transfer')
    expect(result.invalid[2]?.issues.map((i) => `${i.code} @ ${i.path.join('.')}`)).toEqual(['self_transfer @ transfers.6.to', 'invalid_time @ transfers.6.time'])
    expect(result.data.transfers.length + result.invalid.length).toBe((raw.transfers as Json[]).length)
  })

  it("the default ('throw') fails on the same input with every transfer issue", () => {
    const result = safeParseCase(withBadTransfers())
    expect(result.success ? [] : result.error.issues.map((i) => i.code)).toEqual(['amount_precision', 'schema', 'self_transfer', 'invalid_time'])
  })

  it('header, account and victim problems still fail the whole parse', () => {
    const raw = withBadTransfers()
    ;(raw.accounts as RawObject[])[0]!.openingBalance = 'lots'
    const result = safeParseCase(raw, { onInvalid: 'collect' })
    expect(result.success ? [] : result.error.issues.map((i) => `${i.code} @ ${i.path.join('.')}`)).toEqual(['invalid_amount @ accounts.0.openingBalance'])
  })

  it('a victim naming a transfer that was left out as invalid is an error', () => {
    const raw = withBadTransfers()
    ;(raw.victims as RawObject[])[1]!.transfers = ['T3', 'T5']
    const result = safeParseCase(raw, { onInvalid: 'collect' })
    expect(result.success).toBe(false)
    if (result.success) return
    expect(result.error.issues.map((i) => `${i.code} @ ${i.path.join('.')}`)).toEqual(['unknown_transfer @ victims.1.transfers.1'])
    expect(result.error.issues[0]?.message).toContain('invalid')
  })

  it('a duplicate id is an error even when one of the pair is invalid', () => {
    const raw = validRaw()
    ;(raw.transfers as Json[]).push({ id: 'T1', from: 'X', to: 'Y', amount: 'x', time: '2026-03-14T10:00' })
    const result = safeParseCase(raw, { onInvalid: 'collect' })
    expect(result.success ? [] : result.error.issues.map((i) => `${i.code} @ ${i.path.join('.')}`)).toEqual(['duplicate_id @ transfers.4.id'])
  })

  it('with nothing invalid, collect and throw give the same Case', () => {
    const collected = safeParseCase(validRaw(), { onInvalid: 'collect' })
    expect(collected.success && collected.invalid).toEqual([])
    expect(collected.success && collected.data).toEqual(parseCase(validRaw()))
  })

  it('counts hold for many invalid transfers', () => {
    const raw = validRaw()
    const transfers = raw.transfers as Json[]
    for (let i = 0; i < 500; i++) {
      transfers.push({ id: `N${i}`, from: 'X', to: 'Y', amount: i % 3 === 0 ? '0' : `${i}`, time: i % 5 === 0 ? 'bad' : '2026-03-14T10:00' })
    }
    const result = safeParseCase(raw, { onInvalid: 'collect' })
    if (!result.success) throw result.error
    const invalidExpected = Array.from({ length: 500 }, (_, i) => i % 3 === 0 || i % 5 === 0).filter(Boolean).length
    expect(result.invalid).toHaveLength(invalidExpected)
    expect(result.data.transfers).toHaveLength(4 + 500 - invalidExpected)
  })
})
