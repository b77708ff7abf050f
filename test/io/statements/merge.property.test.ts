import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatAmount } from '../../../src/case/money.js'
import { formatTime } from '../../../src/case/time.js'
import { importPoliceFeedback, mergeStatements, type StatementImport } from '../../../src/io/statements/index.js'
import { csv } from './_helpers.js'

const BASE = Date.parse('2026-03-14T00:00:00+08:00')
const TOLERANCE = 60_000

/** A generated true transfer and how each side's statement shows it. */
interface Gen {
  readonly from: number
  readonly to: number
  readonly amount: bigint
  readonly time: number
  /** Credit delay at the receiver, ≤ half the tolerance. */
  readonly delay: number
  readonly serials: 'shared' | 'sender' | 'receiver' | 'none' | 'different'
  readonly format: number
  readonly signed: boolean
}

const genTransfer = (accounts: number, amounts: fc.Arbitrary<bigint>, spanSeconds: number) =>
  fc.record({
    from: fc.nat(accounts - 1),
    step: fc.integer({ min: 1, max: accounts - 1 }),
    amount: amounts,
    time: fc.integer({ min: 0, max: spanSeconds }).map((s) => BASE + s * 1000),
    delay: fc.integer({ min: 0, max: TOLERANCE / 2 / 1000 }).map((s) => s * 1000),
    serials: fc.constantFrom('shared', 'sender', 'receiver', 'none', 'different'),
    format: fc.nat(2),
    signed: fc.boolean(),
  }).map(({ step, ...t }): Gen => ({ ...t, to: (t.from + step) % accounts }))

function wall(ms: number, format: number): string {
  const iso = formatTime(ms, 'Asia/Shanghai') // 2026-03-14T10:02:11+08:00
  const [date, time] = [iso.slice(0, 10), iso.slice(11, 19)]
  if (format === 0) return `${date} ${time}`
  if (format === 1) return `${date.replace(/-/g, '')}${time.replace(/:/g, '')}`
  return `${date.replace(/-/g, '/')} ${time}`
}

interface RowKey { statement: number; row: number }

/** Writes every account's statement (police format, with balances) and imports it. */
function statements(transfers: readonly Gen[], accounts: number, openings: readonly bigint[], duplicateOf: number | undefined) {
  const truth = new Map<string, number>() // "statement:row" → index of the true transfer
  const imports: StatementImport[] = []
  const owners: number[] = []
  const order = [...Array(accounts).keys()]
  if (duplicateOf !== undefined) order.push(duplicateOf % accounts)
  for (const account of order) {
    const statement = imports.length
    const moves = transfers.flatMap((t, i) => [
      ...(t.from === account ? [{ i, t, dir: '出' as const, time: t.time, other: t.to, serial: t.serials === 'shared' || t.serials === 'sender' ? `S${i}` : t.serials === 'different' ? `BANK1-${i}` : '' }] : []),
      ...(t.to === account ? [{ i, t, dir: '进' as const, time: t.time + t.delay, other: t.from, serial: t.serials === 'shared' || t.serials === 'receiver' ? `S${i}` : t.serials === 'different' ? `BANK2-${i}` : '' }] : []),
    ]).sort((a, b) => a.time - b.time || a.i - b.i)
    let balance = openings[account]!
    const rows = moves.map((m, k) => {
      balance += m.dir === '进' ? m.t.amount : -m.t.amount
      truth.set(`${statement}:${k + 2}`, m.i)
      const amount = formatAmount(m.t.amount, 2)
      return [`62220${account}`, wall(m.time, m.t.format), m.t.signed && m.dir === '出' ? `-${amount}` : amount, m.dir, `62220${m.other}`, m.serial, formatAmount(balance, 2)]
    })
    imports.push(importPoliceFeedback(csv([['交易卡号', '交易时间', '交易金额', '收付标志', '交易对手账卡号', '交易流水号', '交易余额'], ...rows])))
    owners.push(account)
  }
  return { imports, truth, owners }
}

const sum = (xs: readonly { amount: bigint }[]) => xs.reduce((s, x) => s + x.amount, 0n)

describe('mergeStatements — property: the sender\'s and the receiver\'s statements never double count', () => {
  it('with distinguishable transfers: merged count and total equal the true ones, and nothing is flagged', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }).chain((accounts) => fc.record({
          accounts: fc.constant(accounts),
          transfers: fc.array(genTransfer(accounts, fc.bigInt({ min: 1n, max: 10_000_000n }), 4 * 3600), { maxLength: 25 }),
          openings: fc.array(fc.bigInt({ min: 0n, max: 100_000_000n }), { minLength: accounts, maxLength: accounts }),
          duplicateOf: fc.option(fc.nat(), { nil: undefined }),
        })),
        ({ accounts, transfers: raw, openings, duplicateOf }) => {
          // Keep transfers distinguishable: no two with the same accounts and amount within 3 tolerances.
          const transfers = raw.filter((t, i) => !raw.slice(0, i).some((u) => u.from === t.from && u.to === t.to && u.amount === t.amount && Math.abs(u.time - t.time) <= 3 * TOLERANCE))
          const { imports, owners } = statements(transfers, accounts, openings, duplicateOf)
          for (const [k, s] of imports.entries()) {
            expect(s.invalid).toEqual([])
            expect(s.warnings).toEqual([])
            if (s.transfers.length > 0) expect(s.openingBalance).toBe(openings[owners[k]!])
          }
          const rowsSeen = imports.reduce((n, s) => n + s.transfers.length, 0)
          expect(rowsSeen).toBe(2 * transfers.length + (duplicateOf === undefined ? 0 : transfers.filter((t) => t.from === duplicateOf % accounts || t.to === duplicateOf % accounts).length))
          const merged = mergeStatements(imports, { toleranceMs: TOLERANCE })
          expect(merged.transfers.length).toBe(transfers.length)
          expect(sum(merged.transfers)).toBe(sum(transfers))
          expect(merged.warnings).toEqual([])
          expect(merged.conflicts).toEqual([])
          expect(new Set(merged.transfers.map((t) => t.id)).size).toBe(merged.transfers.length)
          const key = (t: { from: string | number; to: string | number; amount: bigint }) => `${t.from}>${t.to}:${t.amount}`
          expect(merged.transfers.map(key).sort()).toEqual(transfers.map((t) => key({ from: `62220${t.from}`, to: `62220${t.to}`, amount: t.amount })).sort())
        },
      ),
      { numRuns: 150 },
    )
  })

  it('with colliding transfers: never merges two different transfers, never loses one, every extra copy is flagged; pair_in_order is exact', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3 }).chain((accounts) => fc.record({
          accounts: fc.constant(accounts),
          transfers: fc.array(genTransfer(accounts, fc.constantFrom(10_000n, 20_000n), 300), { maxLength: 12 }),
          openings: fc.array(fc.bigInt({ min: 0n, max: 1_000_000n }), { minLength: accounts, maxLength: accounts }),
        })),
        ({ accounts, transfers, openings }) => {
          const { imports, truth } = statements(transfers, accounts, openings, undefined)
          const merged = mergeStatements(imports, { toleranceMs: TOLERANCE })
          const flagged = new Set(merged.warnings.filter((w) => w.code === 'ambiguous_match').flatMap((w) => w.rows.map((r) => `${r.statement}:${r.row}`)))
          const copies = new Map<number, number>()
          for (const p of merged.provenance) {
            const origins = new Set(p.rows.map((r: RowKey) => truth.get(`${r.statement}:${r.row}`)))
            expect(origins.size).toBe(1) // one true transfer per merged transfer
            const i = [...origins][0]!
            copies.set(i, (copies.get(i) ?? 0) + 1)
          }
          for (let i = 0; i < transfers.length; i++) {
            const n = copies.get(i) ?? 0
            expect(n).toBeGreaterThanOrEqual(1) // never lost
            if (n > 1) {
              // Counted more than once only where the analyst is told.
              const rows = [...truth.entries()].filter(([, j]) => j === i).map(([k]) => k)
              expect(rows.some((r) => flagged.has(r))).toBe(true)
            }
          }
          expect(sum(merged.transfers) >= sum(transfers)).toBe(true)
          if (flagged.size === 0) {
            expect(merged.transfers.length).toBe(transfers.length)
            expect(sum(merged.transfers)).toBe(sum(transfers))
          }
          // Pairing interchangeable runs in time order resolves every collision of complete statements.
          const paired = mergeStatements(imports, { toleranceMs: TOLERANCE, ambiguous: 'pair_in_order' })
          expect(paired.transfers.length).toBe(transfers.length)
          expect(sum(paired.transfers)).toBe(sum(transfers))
          expect(paired.warnings.filter((w) => w.code === 'ambiguous_match')).toEqual([])
          const key = (t: { from: string; to: string; amount: bigint; time: number }) => `${t.from}>${t.to}:${t.amount}@${t.time}`
          expect(paired.transfers.map(key).sort()).toEqual(transfers.map((t) => key({ from: `62220${t.from}`, to: `62220${t.to}`, amount: t.amount, time: t.time + t.delay })).sort())
        },
      ),
      { numRuns: 300 },
    )
  })
})
