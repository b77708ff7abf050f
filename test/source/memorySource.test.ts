import { describe, expect, it } from 'vitest'
import type { Transfer } from '../../src/case/types.js'
import { FundtraceError } from '../../src/errors/index.js'
import { memorySource } from '../../src/source/memorySource.js'
import { byTimeThenId, generateLedger } from './_ledger.js'

const t = (id: string, from: string, to: string, time: number, extra: Partial<Transfer> = {}): Transfer =>
  ({ id, from, to, amount: 100n, time, status: 'posted', ...extra })

describe('memorySource', () => {
  const ledger = [
    t('b', 'A', 'B', 10), t('a', 'A', 'C', 10), t('𝟘', 'A', 'C', 10), t('\uE000', 'A', 'B', 10),
    t('c', 'A', 'B', 5), t('d', 'B', 'A', 7), t('e', 'A', 'B', 20), t('f', 'C', 'A', 10),
  ]
  const source = memorySource(ledger)

  it('returns outgoing transfers in the window, inclusive, by time then id in code-point order', async () => {
    const out = await source.outgoing(['A'], { from: 5, to: 10 })
    // U+E000 sorts before the astral U+1D7D8 by code point (UTF-16 order would say otherwise).
    expect(out.map((x) => x.id)).toEqual(['c', 'a', 'b', '\uE000', '𝟘'])
  })

  it('merges several accounts into one sorted list and ignores duplicate and unknown ids', async () => {
    const out = await source.outgoing(['C', 'A', 'A', 'nobody'], { from: 10, to: 10 })
    expect(out.map((x) => x.id)).toEqual(['a', 'b', 'f', '\uE000', '𝟘'])
  })

  it('handles empty, fractional and infinite windows', async () => {
    expect(await source.outgoing(['A'], { from: 11, to: 10 })).toEqual([])
    expect(await source.outgoing([], { from: 0, to: 100 })).toEqual([])
    expect((await source.outgoing(['A'], { from: 9.5, to: 10.5 })).length).toBe(4)
    expect((await source.outgoing(['A'], { from: -Infinity, to: Infinity })).length).toBe(6)
  })

  it('answers incoming queries the same way', async () => {
    const out = await source.incoming!(['A'], { from: 0, to: 10 })
    expect(out.map((x) => x.id)).toEqual(['d', 'f'])
  })

  it('refuses duplicate transfer ids and malformed windows', async () => {
    expect(() => memorySource([t('x', 'A', 'B', 1), t('x', 'A', 'C', 2)])).toThrow(FundtraceError)
    await expect(source.outgoing(['A'], { from: Number.NaN, to: 1 })).rejects.toThrow(FundtraceError)
  })

  it('agrees with a filter-and-sort scan on a generated ledger', async () => {
    const all = generateLedger(20_000, 800, 7)
    const mem = memorySource(all)
    const accounts = [...new Set(all.slice(0, 300).map((x) => x.from))]
    const from = all[10]!.time
    const to = all[20]!.time
    const expected = all.filter((x) => accounts.includes(x.from) && x.time >= Math.min(from, to) && x.time <= Math.max(from, to)).sort(byTimeThenId)
    expect(await mem.outgoing(accounts, { from: Math.min(from, to), to: Math.max(from, to) })).toStrictEqual(expected)
  })
})
