/**
 * The sweep has two implementations (numbers and typed arrays when every sum fits in 2^53 - 1;
 * bigint lot objects otherwise). They must give the same result, to the fen, for every method —
 * including evidence chains, flows, warnings and actions.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildLedger } from '../../src/ledger/index.js'
import { toReport } from '../../src/report/index.js'
import { METHODS } from '../../src/report/types.js'
import { exactSweep } from '../../src/trace/_sweep-exact.js'
import { fastSweep } from '../../src/trace/_sweep-fast.js'
import { assembleResult } from '../../src/trace/assemble.js'
import { rememberSweep } from '../../src/trace/explain.js'
import { trace } from '../../src/trace/index.js'
import { arbitraryCase } from '../_arbitrary.js'
import { at, makeCase } from '../_case.js'

const stringify = (value: unknown) => JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v instanceof Map ? [...v] : v))

describe('fast (number) and exact (bigint) sweeps agree', () => {
  it('property: identical results and reports for every method and maxLevel', () => {
    fc.assert(fc.property(arbitraryCase(), fc.constantFrom(...METHODS), fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }), (c, method, maxLevel) => {
      const ledger = buildLedger(c)
      const fast = assembleResult(ledger, fastSweep(ledger, method, maxLevel), method, maxLevel)
      const exact = assembleResult(ledger, exactSweep(ledger, method, maxLevel), method, maxLevel)
      rememberSweep(fast, ledger, fastSweep(ledger, method, maxLevel))
      rememberSweep(exact, ledger, exactSweep(ledger, method, maxLevel))
      expect(stringify(exact)).toBe(stringify(fast))
      expect(JSON.stringify(toReport(exact, { evidence: true, flows: true }))).toBe(JSON.stringify(toReport(fast, { evidence: true, flows: true })))
    }), { numRuns: 400 })
  })

  it('amounts of 5×10^15 minor units, with sums beyond 2^53, conserve exactly on the bigint path', () => {
    const big = 5n * 10n ** 15n
    const c = makeCase({
      victims: [{ id: 'A', accounts: ['a'], transfers: ['F1', 'F2'] }, { id: 'B', accounts: ['b'], transfers: ['F3'] }],
      transfers: [
        { id: 'F1', from: 'a', to: 'M', amount: big, time: at(0) },
        { id: 'F2', from: 'a', to: 'M', amount: big - 1n, time: at(1) },
        { id: 'F3', from: 'b', to: 'M', amount: big - 7n, time: at(2) },
        { id: 'S1', from: 'M', to: 'N', amount: big + 12345n, time: at(3) },
        { id: 'S2', from: 'N', to: 'cash', amount: 3n, time: at(4) },
      ],
      accounts: [{ id: 'cash', kind: 'cash' }],
    })
    for (const method of METHODS) {
      const r = trace(c, { method })
      for (const v of r.victims) expect(v.held + v.exited + v.returned + v.beyond).toBe(v.loss)
      expect(r.victims.reduce((s, v) => s + v.loss, 0n)).toBe(3n * big - 8n)
      expect(r.victims.reduce((s, v) => s + v.loss, 0n) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true)
    }
  })
})
