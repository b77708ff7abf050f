import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toReport } from '../../src/report/index.js'
import { METHODS } from '../../src/report/types.js'
import { explain, trace } from '../../src/trace/index.js'
import { arbitraryCase, shuffleCase } from '../_arbitrary.js'
import { at } from '../_case.js'

const runs = { numRuns: Number(process.env.FT_RUNS ?? 300) }
const method = fc.constantFrom(...METHODS)
const maxLevel = fc.option(fc.integer({ min: 1, max: 4 }), { nil: null })

describe('trace invariants (DESIGN.md §3)', () => {
  it('conserves every victim exactly: loss = held + exited + returned + beyond, for every method', () => {
    fc.assert(fc.property(arbitraryCase(), method, maxLevel, (c, m, level) => {
      const r = trace(c, { method: m, maxLevel: level })
      for (const v of r.victims) expect(v.held + v.exited + v.returned + v.beyond).toBe(v.loss)
      const lossFromCase = new Map(c.victims.map((v) => [v.id, v.transfers.reduce((s, id) => s + c.transfers.find((t) => t.id === id)!.amount, 0n)]))
      for (const v of r.victims) expect(v.loss).toBe(lossFromCase.get(v.id))
    }), runs)
  })

  it('sums of held per account equal each victim\'s held, and held ≤ received per account and victim', () => {
    fc.assert(fc.property(arbitraryCase(), method, (c, m) => {
      const r = trace(c, { method: m })
      const heldSum = new Map<string, bigint>()
      for (const a of r.accounts) {
        for (const [v, h] of a.held) {
          expect(h).toBeGreaterThan(0n)
          expect(h).toBeLessThanOrEqual(a.received.get(v) ?? 0n)
          heldSum.set(v, (heldSum.get(v) ?? 0n) + h)
        }
      }
      for (const v of r.victims) expect(heldSum.get(v.id) ?? 0n).toBe(v.held)
    }), runs)
  })

  it('nothing flows backwards in time: evidence chains are time-ordered and start with the victim\'s own transfer', () => {
    fc.assert(fc.property(arbitraryCase(), method, (c, m) => {
      const r = trace(c, { method: m })
      const fraudOf = new Map(c.victims.flatMap((v) => v.transfers.map((t) => [t, v.id] as const)))
      for (const a of r.accounts) {
        let chained = 0n
        for (const chain of explain(r, a.id)) {
          chained += chain.amount
          expect(fraudOf.get(chain.steps[0]!.transfer.id)).toBe(chain.victim)
          expect(chain.steps.at(-1)!.transfer.to).toBe(a.id)
          for (let i = 1; i < chain.steps.length; i++) {
            expect(chain.steps[i]!.transfer.time).toBeGreaterThanOrEqual(chain.steps[i - 1]!.transfer.time)
            expect(chain.steps[i]!.transfer.from).toBe(chain.steps[i - 1]!.transfer.to)
          }
        }
        expect(chained).toBe(a.heldTotal)
      }
    }), runs)
  })

  it('levels count the hops the money took: level 1 exactly for receivers of a victim transfer, else above some feeder', () => {
    fc.assert(fc.property(arbitraryCase(), method, (c, m) => {
      const r = trace(c, { method: m })
      const level = new Map(r.accounts.map((a) => [a.id, a.level]))
      const fraud = new Set(c.victims.flatMap((v) => v.transfers))
      for (const a of r.accounts) {
        const direct = r.flows.some((f) => f.transfer.to === a.id && fraud.has(f.transfer.id))
        expect(a.level === 1).toBe(direct)
        if (a.level === 1) continue
        const feeders = r.flows.filter((f) => f.transfer.to === a.id).map((f) => level.get(f.transfer.from) ?? 0)
        expect(a.level).toBeGreaterThan(Math.min(...feeders))
      }
    }), runs)
  })

  it('a plain chain of mules gives levels 1, 2, 3… in hop order', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), method, (hops, m) => {
      const transfers = [{ id: 'F', from: 'v', to: 'c0', amount: 1000n, time: at(0), status: 'posted' as const }]
      for (let i = 1; i < hops; i++) transfers.push({ id: `H${String(i).padStart(3, '0')}`, from: `c${i - 1}`, to: `c${i}`, amount: 1000n, time: at(i), status: 'posted' as const })
      const r = trace({ format: 'fundtrace/case@1', caseId: 'C', caseType: 'telecom_fraud', currency: 'CNY', timezone: 'UTC', accounts: [], victims: [{ id: 'V', holderType: 'individual', accounts: ['v'], transfers: ['F'] }], transfers }, { method: m })
      expect(r.accounts.map((a) => [a.id, a.level])).toEqual(Array.from({ length: hops }, (_, i) => [`c${i}`, i + 1]).sort((x, y) => (x[1] as number) - (y[1] as number)))
      expect(r.accounts.at(-1)!.heldTotal).toBe(1000n)
    }), { numRuns: 40 })
  })

  it('the result is in its documented order: accounts by level then id, maps by victim id, warnings by code, path, message', () => {
    const byCodePoints = (a: string, b: string): number => {
      const x = [...a].map((ch) => ch.codePointAt(0)!)
      const y = [...b].map((ch) => ch.codePointAt(0)!)
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!
      return x.length - y.length
    }
    const ascending = (keys: Iterable<string>) => {
      const list = [...keys]
      for (let i = 1; i < list.length; i++) expect(byCodePoints(list[i - 1]!, list[i]!)).toBeLessThan(0)
    }
    fc.assert(fc.property(arbitraryCase(), method, maxLevel, (c, m, level) => {
      const r = trace(c, { method: m, maxLevel: level })
      for (let i = 1; i < r.accounts.length; i++) {
        const [a, b] = [r.accounts[i - 1]!, r.accounts[i]!]
        expect(a.level < b.level || (a.level === b.level && byCodePoints(a.id, b.id) < 0)).toBe(true)
      }
      for (const a of r.accounts) {
        ascending(a.levels.keys())
        ascending(a.received.keys())
        ascending(a.held.keys())
        expect([...a.levels.keys()]).toEqual([...a.received.keys()])
      }
      for (let i = 1; i < r.warnings.length; i++) {
        const [a, b] = [r.warnings[i - 1]!, r.warnings[i]!]
        const order = byCodePoints(a.code, b.code) || byCodePoints(a.path.join('\u0000'), b.path.join('\u0000')) || byCodePoints(a.message, b.message)
        expect(order).toBeLessThanOrEqual(0)
      }
    }), runs)
  })

  it('shuffling the input arrays gives a byte-identical report', () => {
    fc.assert(fc.property(arbitraryCase(), method, fc.integer(), (c, m, seed) => {
      const one = JSON.stringify(toReport(trace(c, { method: m }), { evidence: true, flows: true }))
      const two = JSON.stringify(toReport(trace(shuffleCase(c, seed), { method: m }), { evidence: true, flows: true }))
      expect(two).toBe(one)
    }), runs)
  })

  it('adding transfers that no victim money can reach changes nothing', () => {
    const noise = fc.array(fc.record({ a: fc.integer({ min: 0, max: 4 }), b: fc.integer({ min: 0, max: 4 }), amount: fc.bigInt({ min: 1n, max: 10_000n }), minute: fc.integer({ min: 0, max: 90 }) }), { maxLength: 20 })
    fc.assert(fc.property(arbitraryCase(), method, noise, (c, m, extra) => {
      const before = JSON.stringify(toReport(trace(c, { method: m }), { evidence: true, flows: true }))
      const transfers = [...c.transfers, ...extra.filter((e) => e.a !== e.b).map((e, i) => ({ id: `N${i}`, from: `noise${e.a}`, to: `noise${e.b}`, amount: e.amount, time: at(e.minute), status: 'posted' as const }))]
      const after = JSON.stringify(toReport(trace({ ...c, transfers }, { method: m }), { evidence: true, flows: true }))
      expect(after).toBe(before)
    }), runs)
  })

  it('asOf cuts transfers after it and the result equals the trace of the case without them', () => {
    fc.assert(fc.property(arbitraryCase(), method, fc.integer({ min: 0, max: 60 }), (c, m, minute) => {
      const cut = at(minute)
      const kept = c.transfers.filter((t) => t.time <= cut)
      const keptIds = new Set(kept.map((t) => t.id))
      const trimmed = { ...c, transfers: kept, victims: c.victims.map((v) => ({ ...v, transfers: v.transfers.filter((t) => keptIds.has(t)) })) }
      const a = trace(c, { method: m, asOf: cut })
      const b = trace(trimmed, { method: m })
      expect(a.victims).toEqual(b.victims)
      expect(a.accounts).toEqual(b.accounts)
    }), runs)
  })
})
