import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FundtraceError } from '../../src/errors/index.js'
import {
  actionStates, append, createLog, dueForRenewal, GENESIS, lapsedHolds, parse, serialize, verify, verifySerialized,
  type ActionLog, type ExecutedEvent, type LogEventInput,
} from '../../src/plan/action-log.js'

const T0 = Date.parse('2026-03-14T09:00:00Z')
const MIN = 60_000
const HOUR = 3_600_000
const DAY = 24 * HOUR

function build(events: Array<[LogEventInput, number]>): ActionLog {
  return events.reduce((log, [e, t]) => append(log, e, t), createLog())
}

const proposed = (actionId: string, hold: '5d' | 'long_term' = '5d'): LogEventInput => ({
  type: 'proposed', actionId, account: `6222-${actionId}`, kind: 'stop_payment', hold, amount: '0.00', caseId: 'JN-2026-0314-017', rank: 1,
  reason: '收到王芳的资金,现无余额',
})

const sample = () => build([
  [proposed('A1'), T0],
  [{ type: 'executed', actionId: 'A1', by: 'BOC 济南分行营业部' }, T0 + 5 * MIN],
  [proposed('A2', 'long_term'), T0 + 6 * MIN],
  [{ type: 'executed', actionId: 'A2', by: 'ICBC 历下支行', reference: 'ZF-001' }, T0 + 7 * MIN],
  [{ type: 'cancelled', actionId: 'A2', reason: '账户户名核实有误,错误止付' }, T0 + 30 * MIN],
  [{ type: 'escalation_result', escalationId: 'esc:JN:2088', account: '2088', status: 'submitted', note: '已电话通知值班民警' }, T0 + HOUR],
  [{ type: 'converted_to_judicial_freeze', actionId: 'A1', officers: ['110101198001011234', '37010219850202123X'], document: '协助冻结财产通知书 2026-017' }, T0 + 2 * DAY],
])

describe('action log', () => {
  it('log: entries chain by SHA-256 from the genesis hash and verify', () => {
    const log = sample()
    expect(log.entries[0]!.prev).toBe(GENESIS)
    for (let i = 1; i < log.entries.length; i++) expect(log.entries[i]!.prev).toBe(log.entries[i - 1]!.hash)
    expect(log.entries.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4, 5, 6])
    const v = verify(log)
    expect(v).toEqual({ ok: true, length: 7, head: log.entries[6]!.hash })
  })

  it('log: append is pure — the old log is unchanged and entries are frozen', () => {
    const a = build([[proposed('A1'), T0]])
    const b = append(a, { type: 'executed', actionId: 'A1', by: 'x' }, T0 + MIN)
    expect(a.entries.length).toBe(1)
    expect(b.entries.length).toBe(2)
    expect(Object.isFrozen(b.entries[1]!.event)).toBe(true)
  })

  it('log: the hash covers canonical JSON with sorted keys, so key order does not matter', () => {
    const a = build([[{ type: 'proposed', actionId: 'A1', account: 'X', kind: 'stop_payment', amount: '1.00' }, T0]])
    const b = build([[{ amount: '1.00', kind: 'stop_payment', account: 'X', actionId: 'A1', type: 'proposed' } as LogEventInput, T0]])
    expect(b.entries[0]!.hash).toBe(a.entries[0]!.hash)
    expect(serialize(a)).toBe(serialize(b))
    expect(serialize(a).startsWith('{"at":"2026-03-14T09:00:00.000Z","event":{"account":"X","actionId":"A1","amount":"1.00","kind":"stop_payment","type":"proposed"},"hash":"')).toBe(true)
  })

  it('log: serialize/parse round-trips as NDJSON', () => {
    const log = sample()
    const text = serialize(log)
    expect(text.split('\n')).toHaveLength(8)
    expect(text.endsWith('\n')).toBe(true)
    expect(parse(text)).toEqual(log)
    expect(parse(new TextEncoder().encode(text))).toEqual(log)
    expect(serialize(createLog())).toBe('')
    expect(parse('').entries).toEqual([])
  })

  it('log: a changed entry breaks verify at that entry', () => {
    const log = sample()
    const tampered = { entries: log.entries.map((e, i) => (i === 2 ? { ...e, event: { ...e.event, amount: '9.00' } as typeof e.event } : e)) }
    expect(verify(tampered)).toMatchObject({ ok: false, brokenAt: 2 })
    const dropped = { entries: [log.entries[0]!, ...log.entries.slice(2)] }
    expect(verify(dropped)).toMatchObject({ ok: false, brokenAt: 1 })
  })

  it('log: dropping the newest entries is caught only against a kept head hash', () => {
    const log = sample()
    const short = { entries: log.entries.slice(0, 5) }
    expect(verify(short).ok).toBe(true)
    const head = (verify(log) as { head: string }).head
    expect(verify(short, { head })).toMatchObject({ ok: false })
    expect(verify(short, { length: 7 })).toMatchObject({ ok: false })
    expect(verify(log, { head, length: 7 }).ok).toBe(true)
  })

  it('log: parse refuses a tampered log unless verify:false', () => {
    const text = serialize(sample()).replace('ZF-001', 'ZF-002')
    expect(() => parse(text)).toThrow(FundtraceError)
    expect(parse(text, { verify: false }).entries).toHaveLength(7)
    expect(verify(parse(text, { verify: false }))).toMatchObject({ ok: false, brokenAt: 3 })
    expect(() => parse('{"x":1}\n')).toThrow(/line 1/)
    expect(() => parse('not json\n')).toThrow(FundtraceError)
  })

  it('log: verify fails after ANY single-byte change of the serialized log (every position)', () => {
    const bytes = new TextEncoder().encode(serialize(sample()))
    expect(verifySerialized(bytes).ok).toBe(true)
    for (let i = 0; i < bytes.length; i++) {
      for (const delta of [1, 0x20, 0x80]) {
        const copy = bytes.slice()
        copy[i] = (copy[i]! + delta) & 0xff
        const r = verifySerialized(copy)
        if (r.ok) throw new Error(`byte ${i} (+${delta}) changed but the log still verifies`)
      }
    }
  })

  it('log property: verify fails after any single-byte change at any position to any other value', () => {
    const bytes = new TextEncoder().encode(serialize(sample()))
    fc.assert(fc.property(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), (pos, delta) => {
      const copy = bytes.slice()
      copy[pos] = (copy[pos]! + delta) & 0xff
      expect(verifySerialized(copy).ok).toBe(false)
      // and as text, whatever the decoder makes of it
      expect(verifySerialized(new TextDecoder().decode(copy)).ok).toBe(false)
    }), { numRuns: 3000 })
  })

  it('log property: over generated logs (any Unicode text), every single-byte change fails verification', () => {
    const arbLog = fc.array(fc.tuple(fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom<'5d' | 'long_term'>('5d', 'long_term'), fc.boolean()), { minLength: 1, maxLength: 4 })
      .map((rows) => {
        let log = createLog()
        rows.forEach(([reason, hold, cancel], i) => {
          const actionId = `A${i}`
          log = append(log, { type: 'proposed', actionId, account: `acct-${reason}`, kind: 'stop_payment', hold, amount: `${i}.00`, ...(reason ? { reason } : {}) }, T0 + i)
          if (cancel) log = append(log, { type: 'cancelled', actionId, reason: `wrong ${reason}` }, T0 + i)
        })
        return new TextEncoder().encode(serialize(log))
      })
    fc.assert(fc.property(arbLog, fc.nat(), fc.integer({ min: 1, max: 255 }), (bytes, at, delta) => {
      expect(verifySerialized(bytes).ok).toBe(true)
      const copy = bytes.slice()
      const pos = at % bytes.length
      copy[pos] = (copy[pos]! + delta) & 0xff
      expect(verifySerialized(copy).ok).toBe(false)
    }), { numRuns: 500 })
  })

  it('log: an upper-cased \\u escape (same JSON value, other bytes) is refused as non-canonical', () => {
    const log = build([[{ type: 'proposed', actionId: 'A1', account: 'X', kind: 'stop_payment', amount: '1.00', reason: 'a\u001fb' }, T0]])
    const text = serialize(log)
    expect(text).toContain('\\u001f')
    expect(verifySerialized(text.replace('\\u001f', '\\u001F')).ok).toBe(false)
  })
})

describe('action log rules', () => {
  it('log: an executed 5-day hold gets its expiry from addDays (executed 09:05 on the 14th → 09:05 on the 19th)', () => {
    const log = build([[proposed('A1'), T0], [{ type: 'executed', actionId: 'A1', by: 'x' }, T0 + 5 * MIN]])
    expect((log.entries[1]!.event as ExecutedEvent).expiresAt).toBe('2026-03-19T09:05:00.000Z')
    const long = build([[proposed('A2', 'long_term'), T0], [{ type: 'executed', actionId: 'A2', by: 'x' }, T0]])
    expect((long.entries[1]!.event as ExecutedEvent).expiresAt).toBeUndefined()
    const override = build([[proposed('A3', 'long_term'), T0], [{ type: 'executed', actionId: 'A3', by: 'x', hold: '5d' }, T0]])
    expect((override.entries[1]!.event as ExecutedEvent).expiresAt).toBe('2026-03-19T09:00:00.000Z')
  })

  it('log: the caller cannot set expiresAt', () => {
    const log = build([[proposed('A1'), T0]])
    expect(() => append(log, { type: 'executed', actionId: 'A1', by: 'x', expiresAt: '2030-01-01T00:00:00.000Z' } as LogEventInput, T0)).toThrow(FundtraceError)
  })

  it('log: a wrong stop is cancelled with a reason and its history is kept', () => {
    const log = sample()
    const a2 = log.entries.filter((e) => 'actionId' in e.event && e.event.actionId === 'A2').map((e) => e.event.type)
    expect(a2).toEqual(['proposed', 'executed', 'cancelled'])
    const state = actionStates(log).find((s) => s.actionId === 'A2')!
    expect(state).toMatchObject({ status: 'cancelled', cancelReason: '账户户名核实有误,错误止付', entries: [2, 3, 4] })
    expect(() => append(createLog(), { type: 'cancelled', actionId: 'A9', reason: 'x' }, T0)).toThrow(/never proposed/)
    const p = build([[proposed('A1'), T0]])
    expect(() => append(p, { type: 'cancelled', actionId: 'A1', reason: '' } as LogEventInput, T0)).toThrow(FundtraceError)
    expect(() => append(log, { type: 'cancelled', actionId: 'A2', reason: 'again' }, T0 + 3 * DAY)).toThrow(/cancelled/)
  })

  it('log: conversion to a judicial freeze requires two different officers\' ID numbers', () => {
    const log = build([[proposed('A1'), T0], [{ type: 'executed', actionId: 'A1', by: 'x' }, T0]])
    const conv = (officers: unknown) => append(log, { type: 'converted_to_judicial_freeze', actionId: 'A1', officers } as LogEventInput, T0 + DAY)
    expect(() => conv(['110101198001011234'])).toThrow(FundtraceError)
    expect(() => conv(['110101198001011234', '110101198001011234'])).toThrow(/two different officers/)
    expect(() => conv(['110101198001011234', ''])).toThrow(FundtraceError)
    expect(actionStates(conv(['110101198001011234', '37010219850202123X']))[0]!.status).toBe('judicial_freeze')
    // a judicial freeze is lifted by the police, not cancelled as a wrong stop
    expect(() => append(conv(['110101198001011234', '370102']), { type: 'cancelled', actionId: 'A1', reason: 'x' }, T0 + 2 * DAY)).toThrow(/police/)
  })

  it('log: a lapsed 5-day hold cannot be converted, and `expires` is refused before the expiry', () => {
    const log = build([[proposed('A1'), T0], [{ type: 'executed', actionId: 'A1', by: 'x' }, T0]])
    expect(() => append(log, { type: 'converted_to_judicial_freeze', actionId: 'A1', officers: ['1111', '2222'] }, T0 + 5 * DAY)).toThrow(/expired/)
    expect(() => append(log, { type: 'expires', actionId: 'A1' }, T0 + 5 * DAY - 1)).toThrow(/not expired/)
    expect(actionStates(append(log, { type: 'expires', actionId: 'A1' }, T0 + 5 * DAY))[0]!.status).toBe('expired')
  })

  it('log: only a proposed action is executed, once; ids are proposed once; time only moves forward', () => {
    const log = build([[proposed('A1'), T0], [{ type: 'executed', actionId: 'A1', by: 'x' }, T0]])
    expect(() => append(log, { type: 'executed', actionId: 'A1', by: 'x' }, T0)).toThrow(/only a proposed/)
    expect(() => append(log, proposed('A1'), T0)).toThrow(/already proposed/)
    expect(() => append(log, proposed('A2'), T0 - 1)).toThrow(/before the last entry/)
    expect(() => append(log, proposed('A2'), Number.NaN)).toThrow(FundtraceError)
  })

  it('log: dueForRenewal lists 5-day holds expiring within 24 h that lack a judicial freeze', () => {
    const log = build([
      [proposed('A1'), T0], [{ type: 'executed', actionId: 'A1', by: 'x' }, T0],
      [proposed('A3'), T0], [{ type: 'executed', actionId: 'A3', by: 'x' }, T0],
      [proposed('A4'), T0], [{ type: 'executed', actionId: 'A4', by: 'x' }, T0],
      [proposed('A5', 'long_term'), T0], [{ type: 'executed', actionId: 'A5', by: 'x' }, T0],
      [proposed('A6'), T0],
      [proposed('A2'), T0], [{ type: 'executed', actionId: 'A2', by: 'x' }, T0 + HOUR],
      [{ type: 'converted_to_judicial_freeze', actionId: 'A3', officers: ['1111', '2222'] }, T0 + DAY],
      [{ type: 'cancelled', actionId: 'A4', reason: 'wrong account' }, T0 + DAY],
    ])
    const now = T0 + 4 * DAY + 2 * HOUR // A1 expires in 22 h, A2 in 23 h
    expect(dueForRenewal(log, now)).toEqual([
      { actionId: 'A1', account: '6222-A1', executedAt: '2026-03-14T09:00:00.000Z', expiresAt: '2026-03-19T09:00:00.000Z', msLeft: 22 * HOUR },
      { actionId: 'A2', account: '6222-A2', executedAt: '2026-03-14T10:00:00.000Z', expiresAt: '2026-03-19T10:00:00.000Z', msLeft: 23 * HOUR },
    ])
    expect(dueForRenewal(log, T0 + 3 * DAY)).toEqual([]) // 2 days left
    expect(dueForRenewal(log, T0 + 4 * DAY).map((d) => d.actionId)).toEqual(['A1']) // exactly 24 h left: within
    expect(dueForRenewal(log, T0 + 5 * DAY).map((d) => d.actionId)).toEqual(['A2']) // A1 lapsed; A2 has 1 h left
    expect(lapsedHolds(log, T0 + 5 * DAY).map((d) => d.actionId)).toEqual(['A1'])
    const recorded = append(log, { type: 'expires', actionId: 'A1' }, T0 + 5 * DAY)
    expect(lapsedHolds(recorded, T0 + 5 * DAY)).toEqual([])
  })
})

describe('expiry does not depend on the host timezone', () => {
  it('a 5-day hold executed just before a European DST change expires exactly 120 h later', async () => {
    const { spawnSync } = await import('node:child_process')
    const code = `
      import { createLog, append } from './src/plan/action-log.ts'
      let log = createLog()
      log = append(log, { type: 'proposed', actionId: 'A1', account: 'M', kind: 'stop_payment', hold: '5d', amount: '1.00' }, Date.parse('2026-03-26T12:00:00Z'))
      log = append(log, { type: 'executed', actionId: 'A1', by: 'BOC' }, Date.parse('2026-03-26T12:00:00Z'))
      console.log(JSON.stringify(log.entries.at(-1)))`
    const run = (tz: string) => spawnSync(process.execPath, ['--import', 'tsx', '--input-type', 'module', '-e', code], { encoding: 'utf8', env: { ...process.env, TZ: tz } })
    const berlin = run('Europe/Berlin'), shanghai = run('Asia/Shanghai')
    expect(berlin.stderr).toBe('')
    expect(berlin.stdout).toContain('2026-03-31T12:00:00.000Z')
    expect(berlin.stdout).toBe(shanghai.stdout)
  })
})
