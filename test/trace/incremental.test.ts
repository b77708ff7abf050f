import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Account, Case, Transfer } from '../../src/case/types.js'
import { toReport } from '../../src/report/index.js'
import { METHODS } from '../../src/report/types.js'
import { explain, trace, traceWork } from '../../src/trace/index.js'
import { createTracer, extendTracer } from '../../src/trace/incremental.js'
import type { TraceResult } from '../../src/trace/types.js'
import { arbitraryCase } from '../_arbitrary.js'
import { at, makeCase } from '../_case.js'

const stringify = (value: unknown) => JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v instanceof Map ? [...v] : v))
const reportOf = (r: TraceResult) => JSON.stringify(toReport(r, { evidence: true, flows: true }))
const evidenceOf = (r: TraceResult) => stringify(r.accounts.map((a) => explain(r, a.id)))

const NEW_ACCOUNTS = ['x0', 'x1', 'x2']
const extraTransfers = fc.array(
  fc.record({
    from: fc.constantFrom('m0', 'm1', 'm2', 'x0', 'x1', 'x2', 'v0'),
    to: fc.constantFrom('m3', 'm4', 'x0', 'x1', 'x2', 'cash'),
    amount: fc.bigInt({ min: 1n, max: 60_000n }),
    minute: fc.integer({ min: -5, max: 70 }),
  }),
  { maxLength: 8 },
)
const metadata = fc.array(
  fc.record({ id: fc.constantFrom('m1', 'm4', 'x0', 'x1', 'x9'), kind: fc.constantFrom('bank' as const, 'cash' as const, 'payment_platform' as const), openingBalance: fc.bigInt({ min: 0n, max: 30_000n }) }),
  { maxLength: 2 },
)

/** A case, split into a base and 1–3 batches (transfers and account metadata). */
const split = fc
  .tuple(arbitraryCase({ maxTransfers: 25 }), extraTransfers, fc.integer({ min: 1, max: 3 }), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 64, maxLength: 64 }), fc.array(metadata, { minLength: 3, maxLength: 3 }), fc.constantFrom(1, 2, 4, 16))
  .map(([c, extra, batchCount, groups, metas, snapshots]) => {
    const transfers: Transfer[] = [
      ...c.transfers,
      ...extra.filter((e) => e.from !== e.to).map((e, k): Transfer => ({ id: `X${k}`, from: e.from, to: e.to, amount: e.amount, time: at(e.minute), status: 'posted', channel: 'online_banking' })),
    ]
    // a plain array, not an infinite stream: fast-check replays a mapped stream only partly when it shrinks
    const parts: Transfer[][] = Array.from({ length: batchCount + 1 }, () => [])
    transfers.forEach((t, k) => parts[groups[k % groups.length]! % (batchCount + 1)]!.push(t))
    const base: Case = { ...c, transfers: parts[0]! }
    const batches = parts.slice(1).map((ts, i) => ({ transfers: ts, accounts: metas[i]! as Account[] }))
    return { base, batches, snapshots }
  })

function withAccounts(accounts: readonly Account[], changes: readonly Account[]): Account[] {
  const byId = new Map(accounts.map((a) => [a.id, a]))
  for (const a of changes) byId.set(a.id, a)
  return [...byId.values()]
}

describe('incremental tracer (issue 5)', () => {
  it('extending step by step equals a full trace of the extended case, for every method', () => {
    fc.assert(
      fc.property(split, fc.constantFrom(...METHODS), fc.constantFrom(null, 2), fc.constantFrom(undefined, at(40)), ({ base, batches, snapshots }, method, maxLevel, asOf) => {
        let tracer = createTracer(base, { method, maxLevel, snapshots, asOf })
        let known = base
        expect(reportOf(tracer.result)).toBe(reportOf(trace(known, { method, maxLevel, asOf })))
        for (const batch of batches) {
          tracer = extendTracer(tracer, batch)
          known = { ...known, accounts: withAccounts(known.accounts, batch.accounts), transfers: [...known.transfers, ...batch.transfers] }
          const full = trace(known, { method, maxLevel, asOf })
          expect(reportOf(tracer.result)).toBe(reportOf(full))
          expect(evidenceOf(tracer.result)).toBe(evidenceOf(full))
          expect(traceWork(tracer.result)).toEqual(traceWork(full)) // work counts carry over a resumed snapshot
          expect(tracer.stats.incremental).toBe(true)
        }
      }),
      { numRuns: 400 },
    )
  })

  it('does not change the tracer it extends', () => {
    fc.assert(
      fc.property(split, fc.constantFrom(...METHODS), ({ base, batches, snapshots }, method) => {
        const first = createTracer(base, { method, snapshots })
        const before = reportOf(first.result)
        const next = extendTracer(first, batches[0]!)
        extendTracer(next, batches[0]!.transfers.length > 0 ? { transfers: [] } : {})
        extendTracer(first, { transfers: [] })
        expect(reportOf(first.result)).toBe(before)
        expect(reportOf(extendTracer(first, batches[0]!).result)).toBe(reportOf(next.result))
      }),
      { numRuns: 100 },
    )
  })

  const chain = (count: number, offset: number, prefix: string) =>
    Array.from({ length: count }, (_, i) => ({ id: `${prefix}${String(i).padStart(4, '0')}`, from: i % 2 ? 'M1' : 'M2', to: i % 2 ? 'M2' : 'M1', amount: 100n + BigInt(i), time: at(offset + i) }))
  const base = makeCase({
    accounts: [{ id: 'M1', openingBalance: 50_000n }, { id: 'M2' }],
    victims: [{ id: 'V1', accounts: ['VA'], transfers: ['F1'] }],
    transfers: [{ id: 'F1', from: 'VA', to: 'M1', amount: 10_000n, time: at(0) }, ...chain(1000, 1, 'T')],
  })
  const rows = (count: number, offset: number, prefix: string): Transfer[] => chain(count, offset, prefix).map((t) => ({ ...t, status: 'posted' }))

  it('a batch later than everything re-sweeps only the new transfers', () => {
    const tracer = createTracer(base)
    expect(tracer.stats).toEqual({ resumedFrom: 0, resweptTransfers: 1001, totalTransfers: 1001, incremental: true })
    const next = extendTracer(tracer, { transfers: rows(5, 5000, 'L') })
    expect(next.stats).toEqual({ resumedFrom: 1001, resweptTransfers: 5, totalTransfers: 1006, incremental: true })
    const again = extendTracer(next, { transfers: rows(3, 6000, 'K') })
    expect(again.stats).toEqual({ resumedFrom: 1006, resweptTransfers: 3, totalTransfers: 1009, incremental: true })
    expect(reportOf(again.result)).toBe(reportOf(trace(again.case)))
  })

  it('a batch earlier than everything re-sweeps everything; one in the middle resumes from a snapshot before it', () => {
    const tracer = createTracer(base)
    const early = extendTracer(tracer, { transfers: rows(2, -10, 'E') })
    expect(early.stats).toEqual({ resumedFrom: 0, resweptTransfers: 1003, totalTransfers: 1003, incremental: true })
    const middle = extendTracer(tracer, { transfers: rows(1, 700.5, 'H') })
    expect(middle.stats.resumedFrom).toBeGreaterThan(600)
    expect(middle.stats.resumedFrom).toBeLessThanOrEqual(702)
    expect(reportOf(middle.result)).toBe(reportOf(trace(middle.case)))
  })

  it('new metadata for an account resumes from before its first transfer', () => {
    const c = makeCase({
      accounts: [{ id: 'M1', openingBalance: 50_000n }],
      victims: [{ id: 'V1', accounts: ['VA'], transfers: ['F1'] }],
      transfers: [{ id: 'F1', from: 'VA', to: 'M1', amount: 10_000n, time: at(0) }, ...chain(1000, 1, 'T'), { id: 'Z', from: 'M1', to: 'Q', amount: 5n, time: at(2000) }],
    })
    const tracer = createTracer(c)
    const next = extendTracer(tracer, { accounts: [{ id: 'Q', kind: 'cash', openingBalance: 7n }] })
    expect(next.stats.resumedFrom).toBeGreaterThan(900)
    expect(next.stats.resumedFrom).toBeLessThanOrEqual(1001)
    const full = trace(next.case)
    expect(reportOf(next.result)).toBe(reportOf(full))
    const m1 = extendTracer(tracer, { accounts: [{ id: 'M1', kind: 'bank', openingBalance: 1n }] })
    expect(m1.stats.resumedFrom).toBe(0)
    expect(reportOf(m1.result)).toBe(reportOf(trace(m1.case)))
  })

  it('a changed opening balance reaches the snapshots kept from before the change (CI counterexample)', () => {
    const c = makeCase({
      accounts: [{ id: 'm0' }, { id: 'm1' }],
      victims: [{ id: 'V0', accounts: ['v0'], transfers: ['F0', 'F1', 'F2'] }],
      transfers: [
        { id: 'F0', from: 'v0', to: 'm0', amount: 1n, time: at(0) },
        { id: 'F1', from: 'v0', to: 'm0', amount: 1n, time: at(0) },
        { id: 'X0', from: 'm1', to: 'm3', amount: 1n, time: at(0) },
      ],
    })
    const f2: Transfer = { id: 'F2', from: 'v0', to: 'm1', amount: 1n, time: at(0), status: 'posted' }
    let tracer = createTracer({ ...c, transfers: c.transfers.filter((t) => t.id !== 'F2') }, { snapshots: 4 })
    tracer = extendTracer(tracer, { accounts: [{ id: 'm1', kind: 'bank', openingBalance: 1n }] })
    tracer = extendTracer(tracer, { transfers: [f2] })
    // fifo at m1: the opening 0.01 leaves first by X0, so V0's 0.01 stays in m1
    const m1 = tracer.result.accounts.find((a) => a.id === 'm1')!
    expect(m1.heldTotal).toBe(1n)
    expect(reportOf(tracer.result)).toBe(reportOf(trace(tracer.case)))
    expect(tracer.result.accounts.map((a) => a.id)).toEqual(['m0', 'm1'])
  })

  it('more new accounts than the snapshots have room for: a full sweep, same result', () => {
    const tracer = createTracer(base)
    const many: Transfer[] = Array.from({ length: 1500 }, (_, i) => ({ id: `N${i}`, from: i === 0 ? 'M1' : `n${i - 1}`, to: `n${i}`, amount: 10n, time: at(3000 + i), status: 'posted' }))
    const next = extendTracer(tracer, { transfers: many })
    expect(next.stats.resumedFrom).toBe(0)
    expect(reportOf(next.result)).toBe(reportOf(trace(next.case)))
    const after = extendTracer(next, { transfers: rows(2, 9000, 'P') })
    expect(after.stats.resumedFrom).toBe(2501)
    expect(reportOf(after.result)).toBe(reportOf(trace(after.case)))
  })

  it('accounts reached by 32+ victims (direct arrival arrays) resume exactly', () => {
    const victims = Array.from({ length: 40 }, (_, i) => ({ id: `V${String(i).padStart(2, '0')}`, accounts: [`va${i}`], transfers: [`F${i}`] }))
    const frauds = victims.map((v, i) => ({ id: `F${i}`, from: `va${i}`, to: i % 2 ? 'M1' : 'M2', amount: 1000n + BigInt(i), time: at(i) }))
    const moves = Array.from({ length: 120 }, (_, i) => ({ id: `W${String(i).padStart(3, '0')}`, from: ['M1', 'M2', 'M3'][i % 3]!, to: ['M3', 'M1', 'M2'][i % 3]!, amount: 300n + BigInt(i), time: at(i + 0.5) }))
    const whole = makeCase({ victims, transfers: [...frauds, ...moves] })
    for (const method of METHODS) {
      const odd = new Set(whole.transfers.filter((_, i) => i % 5 === 1).map((t) => t.id))
      let tracer = createTracer({ ...whole, transfers: whole.transfers.filter((t) => !odd.has(t.id)) }, { method, snapshots: 8 })
      tracer = extendTracer(tracer, { transfers: whole.transfers.filter((t) => odd.has(t.id) && t.time > at(60)) })
      tracer = extendTracer(tracer, { transfers: whole.transfers.filter((t) => odd.has(t.id) && t.time <= at(60)) })
      const full = trace(tracer.case, { method })
      expect(reportOf(tracer.result)).toBe(reportOf(full))
      expect(evidenceOf(tracer.result)).toBe(evidenceOf(full))
    }
  })

  it('a case beyond 2^53 minor units falls back to full sweeps on bigints', () => {
    const huge = makeCase({
      victims: [{ id: 'V1', accounts: ['VA'], transfers: ['F1'] }],
      transfers: [{ id: 'F1', from: 'VA', to: 'M1', amount: 2n ** 60n, time: at(0) }],
    })
    const next = extendTracer(createTracer(huge), { transfers: [{ id: 'T1', from: 'M1', to: 'M2', amount: 2n ** 59n, time: at(1), status: 'posted' }] })
    expect(next.stats).toEqual({ resumedFrom: 0, resweptTransfers: 2, totalTransfers: 2, incremental: false })
    expect(reportOf(next.result)).toBe(reportOf(trace(next.case)))
  })
})
