import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Transfer } from '../../src/case/types.js'
import { FundtraceError } from '../../src/errors/index.js'
import { collectReachable } from '../../src/source/collectReachable.js'
import { memorySource } from '../../src/source/memorySource.js'
import type { TimeWindow, TransferSource } from '../../src/source/types.js'
import { byCodePoints, reference } from './_ledger.js'

const t = (id: string, from: string, to: string, time: number, extra: Partial<Transfer> = {}): Transfer =>
  ({ id, from, to, amount: 100n, time, status: 'posted', ...extra })

interface Call { kind: 'outgoing' | 'incoming'; accounts: string[]; window: TimeWindow }

/** A memory source that records every call. */
function spy(all: readonly Transfer[]): { source: TransferSource; calls: Call[] } {
  const inner = memorySource(all)
  const calls: Call[] = []
  return {
    calls,
    source: {
      outgoing: (accounts, window) => { calls.push({ kind: 'outgoing', accounts: [...accounts], window }); return inner.outgoing(accounts, window) },
      incoming: (accounts, window) => { calls.push({ kind: 'incoming', accounts: [...accounts], window }); return inner.incoming!(accounts, window) },
    },
  }
}

const ids = (xs: readonly Transfer[]) => xs.map((x) => x.id)

describe('collectReachable', () => {
  it('queries level by level: each round asks only for the accounts first reached in the round before', async () => {
    const ledger = [
      t('s1', 'V', 'A', 10), t('a1', 'A', 'B', 20), t('b1', 'B', 'C', 30), t('c1', 'C', 'cash', 40),
      t('n1', 'X', 'Y', 25), t('n2', 'Y', 'A', 5), t('v2', 'V', 'Z', 50),
    ]
    const { source, calls } = spy(ledger)
    const result = await collectReachable(source, [ledger[0]!], { asOf: 100, inflows: false })
    expect(calls).toEqual([
      { kind: 'outgoing', accounts: ['A'], window: { from: 10, to: 100 } },
      { kind: 'outgoing', accounts: ['B'], window: { from: 20, to: 100 } },
      { kind: 'outgoing', accounts: ['C'], window: { from: 30, to: 100 } },
      { kind: 'outgoing', accounts: ['cash'], window: { from: 40, to: 100 } },
    ])
    expect(ids(result.transfers)).toEqual(['s1', 'a1', 'b1', 'c1'])
    expect([...result.reachedAt]).toEqual([['A', 10], ['B', 20], ['C', 30], ['cash', 40]])
    expect(result.stats).toMatchObject({ rounds: 4, queries: 4, outgoingQueries: 4, incomingQueries: 0, accountsReached: 4, windowExtensions: 0 })
  })

  it('does not expand stop accounts (victims, sinks) and fetches inflows once at the end', async () => {
    const ledger = [
      t('s1', 'V', 'A', 10), t('a1', 'A', 'cash', 20), t('a2', 'A', 'V', 21), t('x1', 'cash', 'Q', 30),
      t('v1', 'V', 'R', 40), t('o1', 'O', 'A', 15), t('o0', 'O', 'A', 5),
    ]
    const { source, calls } = spy(ledger)
    const result = await collectReachable(source, [ledger[0]!], { asOf: 100, stopAccounts: ['cash'] })
    expect(ids(result.transfers)).toEqual(['s1', 'o1', 'a1', 'a2'])
    expect(calls.map((c) => [c.kind, c.accounts])).toEqual([['outgoing', ['A']], ['incoming', ['A']]])
  })

  it('orders equal times by id: only transfers after the arrival in sweep order can carry its money', async () => {
    const ledger = [t('m', 'V', 'A', 10), t('l', 'A', 'B', 10), t('n', 'A', 'C', 10), t('p', 'B', 'D', 11)]
    const result = await collectReachable(memorySource(ledger), [ledger[0]!], { inflows: false })
    expect(ids(result.transfers)).toEqual(['m', 'n'])
  })

  it('fetches only the missing earlier window when an account is later found reached earlier', async () => {
    const ledger = [
      t('s1', 'V', 'A', 100), t('s2', 'V', 'P', 1),
      t('a1', 'A', 'M', 200), t('p1', 'P', 'Q', 5), t('q1', 'Q', 'M', 8),
      t('m1', 'M', 'N', 150), t('m2', 'M', 'N2', 300), t('m0', 'M', 'N3', 7),
    ]
    const { source, calls } = spy(ledger)
    const result = await collectReachable(source, [ledger[0]!, ledger[1]!], { asOf: 1000, windowSlack: 0, inflows: false })
    expect(calls.filter((c) => c.accounts.includes('M')).map((c) => c.window)).toEqual([{ from: 200, to: 1000 }, { from: 8, to: 199 }])
    expect(ids(result.transfers)).toEqual(['s2', 'p1', 'q1', 's1', 'm1', 'a1', 'm2'])
    expect(result.reachedAt.get('M')).toBe(8)
    expect(result.stats.windowExtensions).toBe(1)
    // With the default slack the round's window starts at its earliest account, so no extension is needed.
    const wide = await collectReachable(memorySource(ledger), [ledger[0]!, ledger[1]!], { asOf: 1000, inflows: false })
    expect(ids(wide.transfers)).toEqual(ids(result.transfers))
    expect(wide.stats.windowExtensions).toBe(0)
  })

  it('keeps reach per level under maxLevel: a later, shorter path still expands an account', async () => {
    const ledger = [
      t('s1', 'V', 'A', 1), t('a1', 'A', 'C', 3), t('s2', 'V', 'C', 5),
      t('c1', 'C', 'D', 4), t('c2', 'C', 'E', 6), t('e1', 'E', 'F', 7), t('f1', 'F', 'G', 8),
      t('b0', 'A', 'B', 2), t('b1', 'B', 'H', 9),
    ]
    const seeds = [ledger[0]!, ledger[2]!]
    const r2 = await collectReachable(memorySource(ledger), seeds, { maxLevel: 2, inflows: false })
    // C holds level-2 money from t=3 (c1 moves it to level 3: beyond) and level-1 money from t=5,
    // so c2 delivers level 2 to E, and e1 (to level 3, beyond) is still needed; f1 is not.
    expect(ids(r2.transfers)).toEqual(['s1', 'b0', 'a1', 'c1', 's2', 'c2', 'e1', 'b1'])
    expect([...r2.reachedAt]).toEqual([['A', 1], ['B', 2], ['C', 3], ['E', 6]])
    const r1 = await collectReachable(memorySource(ledger), seeds, { maxLevel: 1, inflows: false })
    expect(ids(r1.transfers)).toEqual(['s1', 'b0', 'a1', 's2', 'c2'])
    const r0 = await collectReachable(memorySource(ledger), seeds, { maxLevel: 0 })
    expect(ids(r0.transfers)).toEqual(['s1', 's2'])
    expect(r0.stats.queries).toBe(0)
  })

  it('lowers an account\'s level for later transfers when a shorter path arrives after a longer one', async () => {
    // B is fetched from t=1 (the round's earliest reach), so a1 makes B reached at t=2 (level 2)
    // within the same round; b1 then brings level-3 money to C at 3, b2 level-2 money at 11.
    const ledger = [
      t('s1', 'V', 'A', 1), t('s2', 'V', 'B', 10), t('a1', 'A', 'B', 2), t('b1', 'B', 'C', 3),
      t('b2', 'B', 'C', 11), t('c1', 'C', 'D', 12), t('d1', 'D', 'E', 13), t('e1', 'E', 'F', 14),
    ]
    const result = await collectReachable(memorySource(ledger), [ledger[0]!, ledger[1]!], { maxLevel: 3, inflows: false })
    expect(ids(result.transfers)).toEqual(['s1', 'a1', 'b1', 's2', 'b2', 'c1', 'd1'])
    expect([...result.reachedAt]).toEqual([['A', 1], ['B', 2], ['C', 3], ['D', 12]])
  })

  it('returns pending transfers that carry money but does not expand their receivers; respects asOf', async () => {
    const ledger = [
      t('s1', 'V', 'A', 1), t('a1', 'A', 'B', 2, { status: 'pending' }), t('b1', 'B', 'C', 3),
      t('a2', 'A', 'D', 50), t('s2', 'V', 'E', 60), t('s3', 'V', 'F', 5, { status: 'pending' }), t('f1', 'F', 'G', 6),
    ]
    const result = await collectReachable(memorySource(ledger), [ledger[0]!, ledger[4]!, ledger[5]!], { asOf: 40 })
    expect(ids(result.transfers)).toEqual(['s1', 'a1', 's3', 's2'])
  })

  it('refuses bad options', async () => {
    const source = memorySource([])
    await expect(collectReachable(source, [], { maxLevel: -1 })).rejects.toThrow(FundtraceError)
    await expect(collectReachable(source, [], { asOf: Number.NaN })).rejects.toThrow(FundtraceError)
    await expect(collectReachable(source, [], { windowSlack: -5 })).rejects.toThrow(FundtraceError)
    await expect(collectReachable({ outgoing: source.outgoing }, [], { inflows: true })).rejects.toThrow(FundtraceError)
  })

  it('finds exactly the time-respecting reachable transfers (property, against brute force)', async () => {
    const prefixes = ['t', 'T', 'é', '𝟘', '\uE000']
    const arb = fc.record({
      accounts: fc.integer({ min: 2, max: 7 }),
      rows: fc.array(fc.record({ from: fc.nat(6), to: fc.nat(6), time: fc.nat(12), pending: fc.nat(9), prefix: fc.nat(4) }), { maxLength: 40 }),
      seedPicks: fc.array(fc.nat(39), { minLength: 1, maxLength: 4 }),
      asOf: fc.option(fc.nat(13), { nil: undefined }),
      maxLevel: fc.option(fc.nat(4), { nil: undefined }),
      slack: fc.constantFrom(0, 2, Infinity),
      stopPick: fc.option(fc.nat(6), { nil: undefined }),
      inflows: fc.boolean(),
    })
    await fc.assert(fc.asyncProperty(arb, async (c) => {
      const name = (i: number) => `acct${i % c.accounts}`
      const ledger: Transfer[] = c.rows.map((r, i) => {
        const from = name(r.from)
        const to = name(r.to) === from ? name(r.from + 1) : name(r.to)
        return t(`${prefixes[r.prefix]}${i}`, from, to, r.time, { status: r.pending === 0 ? 'pending' : 'posted' })
      })
      if (ledger.length === 0) return
      const seeds = [...new Set(c.seedPicks.map((i) => ledger[i % ledger.length]!))]
      const stopAccounts = c.stopPick === undefined ? [] : [name(c.stopPick)]
      const { source, calls } = spy(ledger)
      const got = await collectReachable(source, seeds, {
        ...(c.asOf !== undefined ? { asOf: c.asOf } : {}), maxLevel: c.maxLevel ?? null, windowSlack: c.slack, stopAccounts, inflows: c.inflows,
      })
      const want = reference(ledger, seeds, { ...(c.asOf !== undefined ? { asOf: c.asOf } : {}), ...(c.maxLevel !== undefined ? { maxLevel: c.maxLevel } : {}), stopAccounts, inflows: c.inflows })
      expect(ids(got.transfers).sort(byCodePoints)).toEqual(want.ids)
      expect([...got.reachedAt]).toEqual([...want.reachedAt])
      // Sorted, unique, and no query reaches past asOf or before the earliest seed.
      expect(new Set(ids(got.transfers)).size).toBe(got.transfers.length)
      for (let i = 1; i < got.transfers.length; i++) {
        const a = got.transfers[i - 1]!, b = got.transfers[i]!
        expect(a.time < b.time || (a.time === b.time && byCodePoints(a.id, b.id) < 0)).toBe(true)
      }
      const earliest = Math.min(...seeds.map((s) => s.time))
      for (const call of calls) {
        expect(call.window.to).toBeLessThanOrEqual(c.asOf ?? Infinity)
        expect(call.window.from).toBeGreaterThanOrEqual(earliest)
      }
      // With windowSlack 0 no query starts before the reach time of any account it asks for.
      if (c.slack === 0) {
        for (const call of calls) for (const a of call.accounts) expect(call.window.from).toBeGreaterThanOrEqual(got.reachedAt.get(a)!)
      }
      expect(got.stats.queries).toBe(calls.length)
    }), { numRuns: 400 })
  })
})
