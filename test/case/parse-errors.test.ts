import { describe, expect, it } from 'vitest'
import { parseCase, safeParseCase, type ParseCaseOptions } from '../../src/case/parse.js'
import { FundtraceError, type Issue } from '../../src/errors/index.js'
import { validRaw, type Json, type RawObject } from './_raw.js'

function issuesOf(input: unknown, options?: ParseCaseOptions): Issue[] {
  const result = safeParseCase(input, options)
  if (result.success) throw new Error('expected the parse to fail')
  return [...result.error.issues]
}

/** `code @ path` of every issue, for compact assertions. */
function where(issues: readonly Issue[]): string[] {
  return issues.map((i) => `${i.code} @ ${i.path.join('.')}`)
}

function withTransfer(index: number, patch: RawObject): RawObject {
  const raw = validRaw()
  const transfers = raw.transfers as RawObject[]
  transfers[index] = { ...transfers[index], ...patch }
  return raw
}

describe('parseCase: the valid example', () => {
  it('parses with defaults, bigint amounts and epoch-ms times', () => {
    const c = parseCase(validRaw())
    expect(c.caseId).toBe('JN-2026-0314-017')
    expect(c.reportedAt).toBe(Date.parse('2026-03-14T16:10:00+08:00'))
    expect(c.accounts[0]).toMatchObject({ id: '6217000010001234', openingBalance: 152000n, statementThrough: Date.parse('2026-03-14T18:00:00+08:00') })
    expect(c.accounts[1]).toEqual({ id: '6222020200004321', kind: 'bank', holderType: 'individual', openingBalance: 0n })
    expect(c.victims[1]).toEqual({ id: 'V2', holderType: 'individual', accounts: ['6217000010009999'], transfers: ['T3'] })
    expect(c.transfers.map((t) => t.amount)).toEqual([5_000_000n, 500_000n, 1250n, 200_000n])
    expect(c.transfers[1]).toEqual({ id: 'T2', from: '6217000010001234', to: '6222020200004321', amount: 500_000n, time: Date.parse('2026-03-14T10:30:00+08:00'), status: 'posted' })
    expect(c.transfers[2]?.status).toBe('pending')
    expect(c.transfers[3]?.time).toBe(Date.parse('2026-03-14T03:00:00.250Z'))
  })

  it('accepts the JSON text, its UTF-8 bytes and a leading BOM alike', () => {
    const text = JSON.stringify(validRaw())
    const fromObject = parseCase(validRaw())
    expect(parseCase(text)).toEqual(fromObject)
    expect(parseCase(new TextEncoder().encode(text))).toEqual(fromObject)
    expect(parseCase(`\uFEFF${text}`)).toEqual(fromObject)
  })

  it('allows top-level x- extension fields and drops them', () => {
    const c = parseCase({ ...validRaw(), 'x-analyst': 'Li', 'x-tags': [1, 2] })
    expect(Object.keys(c)).not.toContain('x-analyst')
  })
})

describe('parseCase: every error code', () => {
  it('invalid_json, with the line when the engine gives a position', () => {
    const issues = issuesOf('{\n  "format": "fundtrace/case@1",\n  oops\n}')
    expect(where(issues)).toEqual(['invalid_json @ '])
    expect(issues[0]?.line).toBe(3)
    expect(where(issuesOf(''))).toEqual(['invalid_json @ '])
  })

  it('unsupported_format stops there', () => {
    expect(where(issuesOf({ ...validRaw(), format: 'fundtrace/case@2', currency: 'XXX' }))).toEqual(['unsupported_format @ format'])
    expect(where(issuesOf({ caseId: 'C' }))).toEqual(['unsupported_format @ format'])
  })

  it('schema: not an object, missing and mistyped fields, unknown fields (all at once)', () => {
    expect(where(issuesOf([1, 2]))).toEqual(['schema @ '])
    expect(where(issuesOf(null))).toEqual(['schema @ '])
    const raw = validRaw()
    delete raw.caseId
    raw.caseType = 'bank_robbery'
    raw.extra = true
    ;(raw.accounts as RawObject[])[1] = { id: 'X', kind: 'vault', colour: 'red' }
    ;(raw.transfers as RawObject[])[2] = { id: 'T3', from: 'A', to: 'B', time: '2026-03-14T10:00', channel: 'pigeon', note: 'x' }
    const issues = issuesOf(raw)
    expect(where(issues)).toEqual([
      'schema @ extra',
      'schema @ caseId',
      'schema @ caseType',
      'schema @ accounts.1.kind',
      'schema @ accounts.1.colour',
      'schema @ transfers.2.amount',
      'schema @ transfers.2.channel',
      'schema @ transfers.2.note',
    ])
    expect(issues.find((i) => i.path.join('.') === 'caseId')?.message).toBe('missing required field "caseId"')
  })

  it('schema: missing transfers or victims', () => {
    const raw = validRaw()
    delete raw.transfers
    delete raw.victims
    expect(where(issuesOf(raw))).toEqual(['schema @ victims', 'schema @ transfers'])
  })

  it('unsupported_currency and invalid_timezone', () => {
    expect(where(issuesOf({ ...validRaw(), currency: 'BTC', timezone: 'Mars/Olympus' }))).toEqual([
      'unsupported_currency @ currency',
      'invalid_timezone @ timezone',
    ])
    expect(where(issuesOf({ ...validRaw(), currency: 'constructor' }))).toEqual(['unsupported_currency @ currency'])
  })

  it.each<[string, Json, string]>([
    ['a float number', 12.5, 'invalid_amount'],
    ['an exponent', '1e5', 'invalid_amount'],
    ['three decimals in CNY', '1.005', 'amount_precision'],
    ['zero', '0.00', 'amount_not_positive'],
    ['a negative', '-3', 'amount_not_positive'],
    ['a huge amount', '99999999999999999', 'amount_too_large'],
  ])('amount codes: %s', (_name, amount, code) => {
    expect(where(issuesOf(withTransfer(1, { amount })))).toEqual([`${code} @ transfers.1.amount`])
  })

  it('opening balances go through parseBalance: zero is fine, negative and over-precise are not', () => {
    const raw = validRaw()
    const accounts = raw.accounts as RawObject[]
    accounts[0] = { ...accounts[0], openingBalance: '0.00' }
    expect(parseCase(raw).accounts[0]?.openingBalance).toBe(0n)
    accounts[0] = { ...accounts[0], openingBalance: '-1.00' }
    accounts[1] = { ...accounts[1], openingBalance: '1.001' }
    expect(where(issuesOf(raw))).toEqual(['amount_not_positive @ accounts.0.openingBalance', 'amount_precision @ accounts.1.openingBalance'])
  })

  it('invalid_time in reportedAt, asOf, statementThrough and a transfer', () => {
    const raw = withTransfer(0, { time: '2026-03-14' })
    raw.reportedAt = '2026-02-30T10:00:00+08:00'
    raw.asOf = 'yesterday'
    ;(raw.accounts as RawObject[])[0]!.statementThrough = '2026-03-14T25:00'
    expect(where(issuesOf(raw))).toEqual([
      'invalid_time @ reportedAt',
      'invalid_time @ asOf',
      'invalid_time @ accounts.0.statementThrough',
      'invalid_time @ transfers.0.time',
    ])
  })

  it('duplicate_id: transfers, accounts, victims, ids listed twice by a victim, a transfer claimed by two victims', () => {
    const raw = validRaw()
    const accounts = raw.accounts as RawObject[]
    accounts.push({ id: '6217000010001234' })
    const victims = raw.victims as RawObject[]
    victims.push({ id: 'V1', accounts: ['Z'], transfers: ['T4'] })
    victims.push({ id: 'V3', accounts: ['Q', 'Q'], transfers: ['T9', 'T9'] })
    victims.push({ id: 'V4', accounts: ['6217000010001234'], transfers: ['T1'] })
    ;(raw.transfers as RawObject[]).push({ id: 'T2', from: 'P', to: 'Q', amount: '1', time: '2026-03-14T10:00' })
    const issues = issuesOf(raw)
    expect(where(issues)).toEqual([
      'duplicate_id @ accounts.2.id',
      'duplicate_id @ victims.2.id',
      'duplicate_id @ victims.3.accounts.1',
      'duplicate_id @ victims.3.transfers.1',
      'duplicate_id @ transfers.4.id',
      'duplicate_id @ victims.4.transfers.0',
    ])
    expect(issues[4]?.message).toContain('first at transfers[1]')
    expect(issues[5]?.message).toContain('claimed by two victims')
  })

  it('self_transfer points at `to`', () => {
    expect(where(issuesOf(withTransfer(3, { to: '6222020200004321' })))).toEqual(['self_transfer @ transfers.3.to'])
  })

  it('unknown_transfer and not_victim_transfer point at the victim entry', () => {
    const raw = validRaw()
    ;(raw.victims as RawObject[])[0]!.transfers = ['T1', 'T4', 'T404']
    const issues = issuesOf(raw)
    expect(where(issues)).toEqual(['not_victim_transfer @ victims.0.transfers.1', 'unknown_transfer @ victims.0.transfers.2'])
  })

  it('limit_exceeded for transfers, accounts and victims, before validating them', () => {
    const raw = validRaw()
    ;(raw.transfers as Json[]).push('not even an object')
    expect(where(issuesOf(raw, { maxTransfers: 3 }))).toEqual(['limit_exceeded @ transfers'])
    expect(where(issuesOf(validRaw(), { maxAccounts: 1, maxVictims: 1 }))).toEqual(['limit_exceeded @ accounts', 'limit_exceeded @ victims'])
    expect(parseCase(validRaw(), { maxTransfers: 4, maxAccounts: 2, maxVictims: 2 }).transfers).toHaveLength(4)
  })

  it('invalid_option for bad options', () => {
    expect(where(issuesOf(validRaw(), { onInvalid: 'skip' as 'throw', maxTransfers: -1 }))).toEqual([
      'invalid_option @ onInvalid',
      'invalid_option @ maxTransfers',
    ])
  })

  it('collects every issue instead of stopping at the first', () => {
    const raw = validRaw()
    for (const t of raw.transfers as RawObject[]) t.amount = 'lots'
    expect(issuesOf(raw)).toHaveLength(4)
  })

  it('parseCase throws a FundtraceError carrying the same issues', () => {
    const raw = withTransfer(0, { amount: '1,000' })
    expect(() => parseCase(raw)).toThrow(FundtraceError)
    try {
      parseCase(raw)
    } catch (error) {
      expect((error as FundtraceError).issues).toEqual(issuesOf(raw))
    }
  })
})
