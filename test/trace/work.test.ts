import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildLedger } from '../../src/ledger/index.js'
import { METHODS } from '../../src/report/types.js'
import { exactSweep } from '../../src/trace/_sweep-exact.js'
import { fastSweep } from '../../src/trace/_sweep-resumable.js'
import { trace, traceWork } from '../../src/trace/index.js'
import { traceWork as fromPackage } from '../../src/index.js'
import { arbitraryCase } from '../_arbitrary.js'
import { at, makeCase } from '../_case.js'

const runs = { numRuns: Number(process.env.FT_RUNS ?? 200) }

/** Three victims pay one mule (100, 200, 300); the mule sends 60 on. */
const mixed = makeCase({
  accounts: [{ id: 'A1' }, { id: 'A2' }, { id: 'A3' }, { id: 'M' }, { id: 'N' }],
  victims: [
    { id: 'V1', accounts: ['A1'], transfers: ['T1'] },
    { id: 'V2', accounts: ['A2'], transfers: ['T2'] },
    { id: 'V3', accounts: ['A3'], transfers: ['T3'] },
  ],
  transfers: [
    { id: 'T1', from: 'A1', to: 'M', amount: 100n, time: at(1) },
    { id: 'T2', from: 'A2', to: 'M', amount: 200n, time: at(2) },
    { id: 'T3', from: 'A3', to: 'M', amount: 300n, time: at(3) },
    { id: 'T4', from: 'M', to: 'N', amount: 60n, time: at(4) },
  ],
})

describe('traceWork', () => {
  it('pro_rata: one withdrawal from a pool of 3 origins visits 3 origins and takes 3 pieces', () => {
    const result = trace(mixed, { method: 'pro_rata' })
    expect(traceWork(result)).toEqual({ withdrawals: 1, originsVisited: 3, pieces: 3, lots: 6 })
    expect(fromPackage).toBe(traceWork)
  })

  it('fifo: the oldest lot covers the withdrawal, one piece', () => {
    expect(traceWork(trace(mixed, { method: 'fifo' }))).toEqual({ withdrawals: 1, originsVisited: 1, pieces: 1, lots: 4 })
  })

  it('pro_rata counts other money as an origin present in the pool', () => {
    const withOpening = { ...mixed, accounts: mixed.accounts.map((a) => (a.id === 'M' ? { ...a, openingBalance: 400n } : a)) }
    // 60 of 1000: 6 + 12 + 18 of the victims, 24 of other
    expect(traceWork(trace(withOpening, { method: 'pro_rata' }))).toEqual({ withdrawals: 1, originsVisited: 4, pieces: 4, lots: 6 })
  })

  it('is refused for a result not made by trace()', () => {
    const result = trace(mixed, { method: 'fifo' })
    expect(() => traceWork({ ...result })).toThrow(/traceWork needs a result/)
  })

  it('the number sweep and the bigint sweep count the same work', () => {
    fc.assert(fc.property(arbitraryCase({ maxTransfers: 50 }), fc.constantFrom(...METHODS), fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }), (c, m, level) => {
      const ledger = buildLedger(c)
      expect(fastSweep(ledger, m, level).work).toEqual(exactSweep(ledger, m, level).work)
    }), runs)
  })
})
