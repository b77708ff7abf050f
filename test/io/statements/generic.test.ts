import { describe, expect, it } from 'vitest'
import { FundtraceError } from '../../../src/errors/index.js'
import { importStatementCsv } from '../../../src/io/statements/index.js'
import { csv, sh } from './_helpers.js'

describe('importStatementCsv', () => {
  it('imports a statement with a custom layout and several candidate columns', () => {
    const text = csv([
      ['Date', 'Debit/Credit', 'Value', 'Other account', 'Other account (old)', 'Ref', 'Balance'],
      ['2026-03-14 09:00:00', 'C', '250.00', '', 'B', 'R1', '250.00'],
      ['2026-03-14 09:30:00', 'D', '100.00', 'C', 'X', '', '150.00'],
    ])
    const stmt = importStatementCsv(text, {
      account: 'A',
      mapping: { time: 'Date', direction: 'Debit/Credit', amount: 'Value', counterparty: ['Other account', 'Other account (old)'], serial: 'Ref', balance: 'Balance' },
    })
    expect(stmt.transfers).toEqual([
      { id: 'R1', from: 'B', to: 'A', amount: 25_000n, time: sh('2026-03-14 09:00:00'), status: 'posted', serial: 'R1' },
      { id: `A:${sh('2026-03-14 09:30:00')}:out:10000:r3`, from: 'A', to: 'C', amount: 10_000n, time: sh('2026-03-14 09:30:00'), status: 'posted' },
    ])
    expect(stmt.openingBalance).toBe(0n)
  })

  it('imports a plain list of transfers with from/to, refusing negative amounts and self transfers', () => {
    const stmt = importStatementCsv(csv([
      ['from', 'to', 'amount', 'time', 'status'],
      ['A', 'B', '10.00', '2026-03-14 10:00:00', 'posted'],
      ['A', 'B', '-10.00', '2026-03-14 10:00:00', ''],
      ['A', 'A', '10.00', '2026-03-14 10:00:00', ''],
      ['B', 'C', '5', '2026-03-14 10:01:00', '在途'],
    ]), { mapping: { from: 'from', to: 'to', amount: 'amount', time: 'time', status: 'status' } })
    expect(stmt.transfers.map((t) => [t.id, t.from, t.to, t.amount, t.status])).toEqual([
      [`A>B:${sh('2026-03-14 10:00:00')}:1000:r2`, 'A', 'B', 1_000n, 'posted'],
      [`B>C:${sh('2026-03-14 10:01:00')}:500:r5`, 'B', 'C', 500n, 'pending'],
    ])
    expect(stmt.invalid.map((r) => [r.row, r.column, r.code])).toEqual([[3, 'amount', 'amount_not_positive'], [4, 'to', 'self_transfer']])
    expect(stmt.rows).toBe(stmt.transfers.length + stmt.invalid.length + stmt.skipped.length)
  })

  it('refuses a mapping naming a column the file does not have', () => {
    const run = () => importStatementCsv(csv([['from', 'to', 'amount', 'time'], ['A', 'B', '1', '2026-03-14 10:00:00']]), {
      mapping: { from: 'from', to: 'to', amount: 'amount', time: 'time', balance: '余额' },
    })
    expect(run).toThrow(FundtraceError)
    expect(run).toThrow(/balance/)
  })

  it('refuses an incomplete or unknown mapping before reading', () => {
    const text = csv([['x'], ['1']])
    expect(() => importStatementCsv(text, { mapping: { amount: 'x', time: 'x' } })).toThrow(/account/)
    expect(() => importStatementCsv(text, { mapping: { from: 'x', amount: 'x', time: 'x' } })).toThrow(/from and mapping.to/)
    expect(() => importStatementCsv(text, { mapping: { from: 'x', to: 'x', amount: 'x', time: 'x', colour: 'x' } as never })).toThrow(/unknown mapping field/)
    expect(() => importStatementCsv(text, {} as never)).toThrow(/mapping/)
  })

  it('reads tab-separated files', () => {
    const stmt = importStatementCsv('from\tto\tamount\ttime\nA\tB\t1.00\t20260314100000\n', { mapping: { from: 'from', to: 'to', amount: 'amount', time: 'time' } })
    expect(stmt.transfers.map((t) => [t.from, t.to, t.amount])).toEqual([['A', 'B', 100n]])
  })
})
