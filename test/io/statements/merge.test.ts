import { describe, expect, it } from 'vitest'
import { FundtraceError } from '../../../src/errors/index.js'
import { importPoliceFeedback, mergeStatements, type StatementImport } from '../../../src/io/statements/index.js'
import { csv, fixture, sh } from './_helpers.js'

const HEAD = ['交易卡号', '交易时间', '交易金额', '收付标志', '交易对手账卡号', '交易流水号']
type Row = readonly [own: string, time: string, amount: string, dir: '进' | '出', other: string, serial?: string]
const stmt = (...rows: Row[]): StatementImport => importPoliceFeedback(csv([HEAD, ...rows.map((r) => [r[0], r[1], r[2], r[3], r[4], r[5] ?? ''])]))
const total = (s: { transfers: { amount: bigint }[] }) => s.transfers.reduce((sum, t) => sum + t.amount, 0n)

describe('mergeStatements', () => {
  it('worked example: the victim\'s 出 and the mule\'s 进 of serial BOC20260314100211883 are one transfer', () => {
    const victim = importPoliceFeedback(fixture('police-victim.csv'))
    const mule = importPoliceFeedback(fixture('police-mule.csv'))
    expect(total(victim) + total(mule)).toBe(13_100_000n) // 2 × 50,000 + 19,000 + 12,000 = 131,000.00
    const merged = mergeStatements([victim, mule])
    expect(merged.transfers.map((t) => [t.id, t.amount])).toEqual([['BOC20260314100211883', 5_000_000n], ['ICBC0314103005001', 1_900_000n], ['ICBC0314113000003', 1_200_000n]])
    expect(total(merged)).toBe(8_100_000n) // 50,000 + 19,000 + 12,000 = 81,000.00
    expect(merged.provenance[0]).toEqual({ transfer: 'BOC20260314100211883', rows: [{ statement: 0, row: 2 }, { statement: 1, row: 2 }] })
    expect(merged.warnings).toEqual([])
    expect(merged.conflicts).toEqual([])
    expect(merged.accounts.filter((a) => a.statement === 0).map((a) => a.id)).toEqual(['6217000010001234', '6222020200004321'])
  })

  it('without serials, matches accounts, amount and time within the tolerance; time from the receiver', () => {
    const a = stmt(['A', '2026-03-14 10:00:00', '500.00', '出', 'B'])
    const b = stmt(['B', '2026-03-14 10:00:40', '500.00', '进', 'A'])
    const merged = mergeStatements([a, b])
    expect(merged.transfers).toEqual([{ id: `A:${sh('2026-03-14 10:00:00')}:out:50000:r2`, from: 'A', to: 'B', amount: 50_000n, time: sh('2026-03-14 10:00:40'), status: 'posted' }])
    expect(mergeStatements([a, b], { toleranceMs: 30_000 }).transfers).toHaveLength(2)
    expect(mergeStatements([a, b], { reportMerges: true }).warnings).toMatchObject([{ code: 'duplicate_merged', rows: [{ statement: 0, row: 2 }, { statement: 1, row: 2 }] }])
  })

  it('does not match different accounts or amounts', () => {
    const a = stmt(['A', '2026-03-14 10:00:00', '500.00', '出', 'B'])
    expect(mergeStatements([a, stmt(['B', '2026-03-14 10:00:00', '500.01', '进', 'A'])]).transfers).toHaveLength(2)
    expect(mergeStatements([a, stmt(['C', '2026-03-14 10:00:00', '500.00', '进', 'A'])]).transfers).toHaveLength(2)
    expect(mergeStatements([a, stmt(['A', '2026-03-14 10:00:00', '500.00', '进', 'B'])]).transfers).toHaveLength(2)
  })

  it('different serials on both sides (two banks) still match by default, not with serialMismatch distinct', () => {
    const a = stmt(['A', '2026-03-14 10:00:00', '500.00', '出', 'B', 'BOC1'])
    const b = stmt(['B', '2026-03-14 10:00:05', '500.00', '进', 'A', 'ICBC9'])
    expect(mergeStatements([a, b]).transfers.map((t) => t.id)).toEqual(['BOC1'])
    expect(mergeStatements([a, b], { serialMismatch: 'distinct' }).transfers.map((t) => t.id)).toEqual(['BOC1', 'ICBC9'])
  })

  it('a serial match beats time: same serial merges even hours apart', () => {
    const a = stmt(['A', '2026-03-14 10:00:00', '500.00', '出', 'B', 'S1'])
    const b = stmt(['B', '2026-03-14 13:00:00', '500.00', '进', 'A', 'S1'])
    expect(mergeStatements([a, b]).transfers).toHaveLength(1)
  })

  it('reports the same serial with different amounts as conflicting_duplicate, never merging', () => {
    const a = stmt(['A', '2026-03-14 10:00:00', '500.00', '出', 'B', 'S1'])
    const b = stmt(['B', '2026-03-14 10:00:00', '5000.00', '进', 'A', 'S1'])
    const merged = mergeStatements([a, b])
    expect(merged.transfers.map((t) => [t.id, t.amount])).toEqual([['S1', 50_000n], ['S1#s2r2', 500_000n]])
    expect(merged.conflicts).toHaveLength(1)
    expect(merged.conflicts[0]).toMatchObject({ code: 'conflicting_duplicate', rows: [{ statement: 0, row: 2 }, { statement: 1, row: 2 }] })
    expect(merged.conflicts[0]!.message).toContain('statement 1 row 2 500.00, statement 2 row 2 5000.00')
    expect(() => mergeStatements([a, b], { strict: true })).toThrow(FundtraceError)
  })

  it('does not merge an ambiguous row: keeps all and names the rows', () => {
    const a = stmt(['A', '2026-03-14 10:00:00', '500.00', '出', 'B'])
    const b = stmt(
      ['B', '2026-03-14 10:00:10', '500.00', '进', 'A'],
      ['B', '2026-03-14 10:00:50', '500.00', '进', 'A'],
    )
    const merged = mergeStatements([a, b])
    expect(merged.transfers).toHaveLength(3)
    expect(merged.warnings).toHaveLength(1)
    expect(merged.warnings[0]).toMatchObject({ code: 'ambiguous_match', rows: [{ statement: 0, row: 2 }, { statement: 1, row: 2 }, { statement: 1, row: 3 }] })
    expect(merged.warnings[0]!.message).toMatch(/statement 1 row 2, statement 2 row 2, statement 2 row 3/)
    // Outside the tolerance the second row is no candidate, and the first pair merges.
    expect(mergeStatements([a, b], { toleranceMs: 20_000 }).transfers).toHaveLength(2)
  })

  it('pairs equal runs of interchangeable rows in time order only when asked', () => {
    // Two transfers of 500.00 A → B at 10:00:00 and 10:00:40, credited 10:00:30 and 10:00:45.
    const a = stmt(['A', '2026-03-14 10:00:00', '500.00', '出', 'B'], ['A', '2026-03-14 10:00:40', '500.00', '出', 'B'])
    const b = stmt(['B', '2026-03-14 10:00:30', '500.00', '进', 'A'], ['B', '2026-03-14 10:00:45', '500.00', '进', 'A'])
    const kept = mergeStatements([a, b])
    expect(kept.transfers).toHaveLength(4)
    expect(kept.warnings.map((w) => w.code)).toEqual(['ambiguous_match'])
    const paired = mergeStatements([a, b], { ambiguous: 'pair_in_order' })
    expect(paired.transfers.map((t) => [t.amount, t.time])).toEqual([[50_000n, sh('2026-03-14 10:00:30')], [50_000n, sh('2026-03-14 10:00:45')]])
    expect(paired.provenance.map((p) => p.rows.map((r) => r.row))).toEqual([[2, 2], [3, 3]])
    expect(paired.warnings.map((w) => w.code)).toEqual(['duplicate_merged'])
    // Unequal runs (a row missing from one statement) stay unmerged even then.
    const b1 = stmt(['B', '2026-03-14 10:00:30', '500.00', '进', 'A'])
    const unequal = mergeStatements([a, b1], { ambiguous: 'pair_in_order' })
    expect(unequal.transfers).toHaveLength(3)
    expect(unequal.warnings.map((w) => w.code)).toEqual(['ambiguous_match'])
  })

  it('a serial appearing twice in one statement is ambiguous, not merged', () => {
    const a = stmt(['A', '2026-03-14 10:00:00', '500.00', '出', 'B', 'S1'], ['A', '2026-03-14 10:00:01', '500.00', '出', 'B', 'S1'])
    const b = stmt(['B', '2026-03-14 10:00:00', '500.00', '进', 'A', 'S1'])
    const merged = mergeStatements([a, b])
    expect(merged.transfers).toHaveLength(3)
    expect(merged.warnings.map((w) => w.code)).toEqual(['ambiguous_match'])
  })

  it('never merges two rows of one statement, and merges the same row of overlapping statements', () => {
    const twice = stmt(['A', '2026-03-14 10:00:00', '500.00', '出', 'B'], ['A', '2026-03-14 10:00:00', '500.00', '出', 'B'])
    expect(mergeStatements([twice]).transfers).toHaveLength(2)
    const a1 = stmt(['A', '2026-03-14 10:00:00', '500.00', '出', 'B'])
    const a2 = stmt(['A', '2026-03-14 09:00:00', '1.00', '进', 'C'], ['A', '2026-03-14 10:00:00', '500.00', '出', 'B'])
    const b = stmt(['B', '2026-03-14 10:00:20', '500.00', '进', 'A'])
    const merged = mergeStatements([a1, b, a2])
    expect(merged.transfers.map((t) => t.amount)).toEqual([100n, 50_000n])
    expect(merged.provenance[1]!.rows).toEqual([{ statement: 0, row: 2 }, { statement: 1, row: 2 }, { statement: 2, row: 3 }])
  })

  it('does not let a chain of matches join two rows of one statement', () => {
    // x ~ y ~ w ~ x2 each 50 s apart; x and x2 are both in statement 1.
    const s1 = stmt(['A', '2026-03-14 10:00:00', '500.00', '出', 'B'], ['A', '2026-03-14 10:02:30', '500.00', '出', 'B'])
    const s2 = stmt(['B', '2026-03-14 10:00:50', '500.00', '进', 'A'])
    const s3 = stmt(['B', '2026-03-14 10:01:40', '500.00', '进', 'A'])
    const merged = mergeStatements([s1, s2, s3])
    for (const p of merged.provenance) expect(new Set(p.rows.map((r) => r.statement)).size).toBe(p.rows.length)
    expect(merged.transfers).toHaveLength(4)
    expect(merged.warnings.map((w) => w.code)).toEqual(['ambiguous_match'])
  })

  it('refuses a bad tolerance', () => {
    expect(() => mergeStatements([], { toleranceMs: -1 })).toThrow(/toleranceMs/)
  })
})
