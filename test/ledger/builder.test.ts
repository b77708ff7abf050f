import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Case } from '../../src/case/types.js'
import { buildLedger, LedgerBuilder } from '../../src/ledger/index.js'
import { toReport } from '../../src/report/index.js'
import { METHODS } from '../../src/report/types.js'
import { compareMethods, explain, trace } from '../../src/trace/index.js'
import { arbitraryCase } from '../_arbitrary.js'
import { at } from '../_case.js'

const runs = { numRuns: Number(process.env.FT_RUNS ?? 200) }

/** The case as a reader with a LedgerBuilder would hand it over. */
function viaBuilder(c: Case): Case {
  const { transfers, ...header } = c
  const builder = new LedgerBuilder(header)
  for (const t of transfers) expect(builder.add(t)).toBe(-1)
  return builder.toCase()
}

const everything = (c: Case, method: (typeof METHODS)[number], asOf?: number) => {
  const r = trace(c, { method, ...(asOf !== undefined ? { asOf } : {}) })
  const explained = r.accounts.map((a) => explain(r, a.id))
  return JSON.stringify({ report: toReport(r, { evidence: true, flows: true }), explained }, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))
}

describe('LedgerBuilder (a reader builds the ledger; no Transfer objects kept)', () => {
  it('gives the same report, evidence and flows as the parsed Case, for every method and asOf', () => {
    fc.assert(fc.property(arbitraryCase(), fc.constantFrom(...METHODS), fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }), (c, m, minute) => {
      const asOf = minute === undefined ? undefined : at(minute)
      expect(everything(viaBuilder(c), m, asOf)).toBe(everything(c, m, asOf))
    }), runs)
  })

  it('builds the same columns and reads the same transfers back', () => {
    fc.assert(fc.property(arbitraryCase(), fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }), (c, minute) => {
      const options = minute === undefined ? {} : { asOf: at(minute) }
      const a = buildLedger(c, options)
      const built = viaBuilder(c)
      const b = buildLedger(built, options)
      for (const key of ['time', 'amount', 'pending', 'fraudOf'] as const) expect([...b[key]]).toEqual([...a[key]])
      // account numbers may differ (the builder also numbers accounts named only after asOf): compare ids
      for (const key of ['from', 'to'] as const) expect([...b[key]].map((i) => b.accountIds[i])).toEqual([...a[key]].map((i) => a.accountIds[i]))
      // the same accounts in force (numbered in another order when an account is first named after asOf)
      expect(b.accountIds.filter((id) => b.accountIndex.has(id)).sort()).toEqual([...a.accountIds].sort())
      for (const key of ['kind', 'ownerVictim'] as const) expect(a.accountIds.map((id) => b[key][b.accountIndex.get(id)!])).toEqual([...a[key]])
      expect([...b.transfers]).toEqual([...a.transfers])
      expect([...b.afterAsOf]).toEqual([...a.afterAsOf])
      expect([...built.transfers]).toEqual([...c.transfers])
      expect(JSON.stringify(built.transfers, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).toBe(JSON.stringify(c.transfers, (_k, v) => (typeof v === 'bigint' ? String(v) : v)))
    }), runs)
  })

  it('refuses a second transfer with the same id and finds transfers by id', () => {
    const builder = new LedgerBuilder({ format: 'fundtrace/case@1', caseId: 'C', caseType: 'telecom_fraud', currency: 'CNY', timezone: 'UTC', accounts: [], victims: [] })
    expect(builder.add({ id: 'T1', from: 'a', to: 'b', amount: 5n, time: 1, status: 'posted' })).toBe(-1)
    expect(builder.add({ id: 'T2', from: 'b', to: 'c', amount: 2n ** 60n, time: 2, status: 'pending', channel: 'atm', serial: '序列' })).toBe(-1)
    expect(builder.add({ id: 'T1', from: 'x', to: 'y', amount: 1n, time: 3, status: 'posted' })).toBe(0)
    expect(builder.indexOf('T2')).toBe(1)
    expect(builder.indexOf('T3')).toBe(-1)
    expect(builder.transfer(1)).toEqual({ id: 'T2', from: 'b', to: 'c', amount: 2n ** 60n, time: 2, status: 'pending', channel: 'atm', serial: '序列' })
    expect(builder.toCase().transfers.map((t) => t.id)).toEqual(['T1', 'T2'])
  })

  it('compareMethods on a builder case equals compareMethods on the parsed case', () => {
    fc.assert(fc.property(arbitraryCase(), (c) => {
      const json = (x: unknown) => JSON.stringify(x, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v instanceof Map ? [...v] : v))
      expect(json(compareMethods(viaBuilder(c)).accounts)).toBe(json(compareMethods(c).accounts))
    }), { numRuns: 50 })
  })
})
