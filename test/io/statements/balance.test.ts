import { describe, expect, it } from 'vitest'
import { importPoliceFeedback, reconcileBalances } from '../../../src/io/statements/index.js'
import { csv } from './_helpers.js'

const HEAD = ['交易卡号', '交易时间', '交易金额', '收付标志', '交易对手账卡号', '交易余额']
const ROWS = [
  ['A', '2026-03-14 10:00:00', '1000.00', '进', 'V', '1500.00'],
  ['A', '2026-03-14 10:10:00', '300.00', '出', 'B', '1200.00'],
  ['A', '2026-03-14 10:20:00', '200.00', '出', 'C', '900.00'], // expected 1,000.00: 100.00 went out unseen
  ['A', '2026-03-14 10:30:00', '50.00', '进', 'D', '950.00'],
]

describe('balance reconciliation', () => {
  it('infers the opening balance and flags the gap at the right row with the unexplained amount', () => {
    const stmt = importPoliceFeedback(csv([HEAD, ...ROWS]))
    expect(stmt.openingBalance).toBe(50_000n) // 1,500.00 − 1,000.00
    expect(stmt.warnings).toHaveLength(1)
    expect(stmt.warnings[0]).toMatchObject({ code: 'balance_gap', row: 4, rows: [3, 4], amount: -10_000n, account: 'A' })
    expect(stmt.warnings[0]!.message).toContain('−100.00 unexplained')
    // The transfers are all kept: the gap is a warning.
    expect(stmt.transfers).toHaveLength(4)
  })

  it('finds no gap in a consistent chain', () => {
    const fixed = ROWS.map((r, i) => (i === 2 ? [...r.slice(0, 5), '1000.00'] : i === 3 ? [...r.slice(0, 5), '1050.00'] : r))
    const stmt = importPoliceFeedback(csv([HEAD, ...fixed]))
    expect(stmt.warnings).toEqual([])
    expect(stmt.openingBalance).toBe(50_000n)
  })

  it('orders by time, so a statement listed newest first flags the same movement', () => {
    const stmt = importPoliceFeedback(csv([HEAD, ...[...ROWS].reverse()]))
    // Reversed: the 10:20 row is file row 3, the 10:10 row is file row 4.
    expect(stmt.warnings.map((w) => [w.code, w.row, w.rows, w.amount])).toEqual([['balance_gap', 3, [4, 3], -10_000n]])
    expect(stmt.openingBalance).toBe(50_000n)
  })

  it('breaks equal times by file order, reversed when the file is newest first', () => {
    const same = [
      ['A', '2026-03-14 10:00:00', '100.00', '进', 'V', '100.00'],
      ['A', '2026-03-14 10:05:00', '60.00', '出', 'B', '40.00'],
      ['A', '2026-03-14 10:05:00', '1.00', '出', 'B', '39.00'],
    ]
    expect(importPoliceFeedback(csv([HEAD, ...same])).warnings).toEqual([])
    expect(importPoliceFeedback(csv([HEAD, ...[...same].reverse()])).warnings).toEqual([])
  })

  it('carries rows without balance into the next balance, and counts skipped movements', () => {
    const stmt = importPoliceFeedback(csv([
      HEAD,
      ['A', '2026-03-14 10:00:00', '100.00', '进', 'V', ''],
      ['A', '2026-03-14 10:05:00', '30.00', '出', '', ''], // no counterparty: skipped, still a movement
      ['A', '2026-03-14 10:06:00', '20.00', '出', 'B', '250.00'],
    ]))
    expect(stmt.skipped.map((s) => s.row)).toEqual([3])
    expect(stmt.warnings).toEqual([])
    expect(stmt.openingBalance).toBe(20_000n) // 250 − 100 + 30 + 20
  })

  it('shows a row lost to invalid data as a gap', () => {
    const stmt = importPoliceFeedback(csv([
      HEAD,
      ['A', '2026-03-14 10:00:00', '100.00', '进', 'V', '100.00'],
      ['A', '2026-03-14 10:05:00', '3O.00', '出', 'B', '70.00'],
      ['A', '2026-03-14 10:06:00', '20.00', '出', 'B', '50.00'],
    ]))
    expect(stmt.invalid.map((r) => [r.row, r.column])).toEqual([[3, '交易金额']])
    expect(stmt.warnings.map((w) => [w.row, w.rows, w.amount])).toEqual([[4, [2, 4], -3_000n]])
  })

  it('warns about an unreadable balance and keeps the transfer', () => {
    const stmt = importPoliceFeedback(csv([HEAD, ['A', '2026-03-14 10:00:00', '100.00', '进', 'V', 'n/a']]))
    expect(stmt.transfers).toHaveLength(1)
    expect(stmt.warnings).toMatchObject([{ code: 'balance_gap', row: 2, column: '交易余额' }])
    expect(stmt.openingBalance).toBeUndefined()
  })

  it('checks each own account separately', () => {
    const check = reconcileBalances([
      { row: 2, account: 'A', time: 1, direction: 'in', amount: 100n, balance: 100n },
      { row: 3, account: 'B', time: 2, direction: 'in', amount: 100n, balance: 500n },
      { row: 4, account: 'A', time: 3, direction: 'out', amount: 10n, balance: 90n },
      { row: 5, account: 'B', time: 4, direction: 'out', amount: 10n, balance: 480n },
    ], 2)
    expect(check.openingBalances).toEqual({ A: 0n, B: 400n })
    expect(check.warnings.map((w) => [w.account, w.row, w.amount])).toEqual([['B', 5, -10n]])
  })
})
