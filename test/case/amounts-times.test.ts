import { describe, expect, it } from 'vitest'
import { parseCase, safeParseCase } from '../../src/case/parse.js'
import type { Json, RawObject } from './_raw.js'

function caseWith(currency: string, transfer: RawObject, timezone = 'Asia/Shanghai'): RawObject {
  return {
    format: 'fundtrace/case@1', caseId: 'C1', caseType: 'telecom_fraud', currency, timezone,
    victims: [{ id: 'V1', accounts: ['A'], transfers: ['T1'] }],
    transfers: [{ id: 'T1', from: 'A', to: 'B', amount: '1', time: '2026-03-14T10:00:00+08:00', ...transfer }],
  }
}

/** The parsed amount in minor units, or the code of the issue on it. */
function amountIn(currency: string, amount: Json): bigint | string {
  const result = safeParseCase(caseWith(currency, { amount }))
  if (result.success) return result.data.transfers[0]!.amount
  expect(result.error.issues).toHaveLength(1)
  expect(result.error.issues[0]?.path).toEqual(['transfers', 0, 'amount'])
  return result.error.issues[0]!.code
}

describe('amounts: worked examples', () => {
  it.each<[string, Json, bigint | string]>([
    ['CNY', '50000.00', 5_000_000n],
    ['CNY', '1234.5', 123_450n],
    ['CNY', '0.01', 1n],
    ['CNY', '007.50', 750n],
    ['CNY', 5000, 500_000n],
    ['CNY', '1.234', 'amount_precision'],
    ['JPY', '700', 700n],
    ['JPY', 700, 700n],
    ['JPY', '700.5', 'amount_precision'],
    ['JPY', '700.0', 'amount_precision'],
    ['USD', '10000000000000.00', 1_000_000_000_000_000n],
    ['USD', '10000000000000.01', 'amount_too_large'],
    ['CNY', '1e5', 'invalid_amount'],
    ['CNY', 'NaN', 'invalid_amount'],
    ['CNY', 'Infinity', 'invalid_amount'],
    ['CNY', '-1', 'amount_not_positive'],
    ['CNY', -1, 'amount_not_positive'],
    ['CNY', '0', 'amount_not_positive'],
    ['CNY', 0, 'amount_not_positive'],
    ['CNY', '1.', 'invalid_amount'],
    ['CNY', '.5', 'invalid_amount'],
    ['CNY', '1,000', 'invalid_amount'],
    ['CNY', ' 1', 'invalid_amount'],
    ['CNY', '+1', 'invalid_amount'],
    ['CNY', '', 'invalid_amount'],
    ['CNY', 0.5, 'invalid_amount'],
    ['CNY', 2 ** 53, 'invalid_amount'],
  ])('%s %j → %s', (currency, amount, expected) => {
    expect(amountIn(currency, amount)).toBe(expected)
  })

  it('a non-string non-number amount is a schema issue', () => {
    const result = safeParseCase(caseWith('CNY', { amount: true }))
    expect(result.success ? [] : result.error.issues.map((i) => [i.code, i.path])).toEqual([['schema', ['transfers', 0, 'amount']]])
  })
})

describe('times', () => {
  const epoch = (iso: string) => Date.parse(iso)
  const timeOf = (time: string, timezone = 'Asia/Shanghai') => parseCase(caseWith('CNY', { time }, timezone)).transfers[0]!.time

  it('a time without offset is read in the case timezone', () => {
    expect(timeOf('2026-03-14T10:02:11')).toBe(epoch('2026-03-14T10:02:11+08:00'))
    expect(timeOf('2026-03-14T10:02')).toBe(epoch('2026-03-14T10:02:00+08:00'))
    expect(timeOf('2026-03-14T10:02:11', 'UTC')).toBe(epoch('2026-03-14T10:02:11Z'))
    expect(timeOf('2026-07-01T12:00:00', 'America/New_York')).toBe(epoch('2026-07-01T12:00:00-04:00'))
    expect(timeOf('2026-01-01T12:00:00', 'America/New_York')).toBe(epoch('2026-01-01T12:00:00-05:00'))
  })

  it('an explicit offset wins over the timezone', () => {
    expect(timeOf('2026-03-14T10:02:11Z')).toBe(epoch('2026-03-14T10:02:11Z'))
    expect(timeOf('2026-03-14T10:02:11-05:30')).toBe(epoch('2026-03-14T15:32:11Z'))
    expect(timeOf('2026-03-14T10:02:11.5+08:00')).toBe(epoch('2026-03-14T02:02:11.500Z'))
  })

  it.each(['2026-03-14', '2026-03-14T24:00:00+08:00', '2026-02-29T10:00:00+08:00', '2026-03-14T10:00:00+08', '14/03/2026 10:00', '2026-03-14T10:00:60Z'])(
    'refuses %j with invalid_time at the transfer time',
    (time) => {
      const result = safeParseCase(caseWith('CNY', { time }))
      expect(result.success ? [] : result.error.issues.map((i) => [i.code, i.path])).toEqual([['invalid_time', ['transfers', 0, 'time']]])
    },
  )

  it('reportedAt and asOf without offset are read in the timezone too', () => {
    const c = parseCase({ ...caseWith('CNY', {}), reportedAt: '2026-03-14T16:10', asOf: '2026-03-14T18:00:00' })
    expect(c.reportedAt).toBe(epoch('2026-03-14T16:10:00+08:00'))
    expect(c.asOf).toBe(epoch('2026-03-14T18:00:00+08:00'))
  })
})
