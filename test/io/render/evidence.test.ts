import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Case } from '../../../src/case/types.js'
import { canonicalCaseJson, canonicalReportJson, evidenceBlock, sha256Hex } from '../../../src/io/render/evidence.js'
import { toReport } from '../../../src/report/index.js'
import { trace } from '../../../src/trace/index.js'
import { arbitraryCase, shuffleCase } from '../../_arbitrary.js'
import { demoCase, demoReport } from './_demo.js'

describe('canonicalCaseJson', () => {
  const c = demoCase()
  const text = canonicalCaseJson(c)

  it('sorts keys and arrays, writes bigints as decimal strings and times as epoch ms', () => {
    const value = JSON.parse(text) as { accounts: { id: string; openingBalance: string }[]; transfers: { id: string; amount: string; time: number }[]; asOf: number }
    expect(Object.keys(value)).toEqual([...Object.keys(value)].sort())
    expect(value.accounts.map((a) => a.id)).toEqual(c.accounts.map((a) => a.id).sort())
    expect(value.transfers.map((t) => t.id)).toEqual(['T00', 'T01', 'T02', 'T03', 'T04', 'T05', 'T06', 'T07', 'T08', 'T09', 'T10', 'T11', 'T13', 'T12'])
    expect(value.transfers[1]).toMatchObject({ id: 'T01', amount: '5000000', time: Date.parse('2026-03-14T10:02:11+08:00') })
    expect(value.accounts.find((a) => a.id === '6222020200004321')!.openingBalance).toBe('152000')
    expect(value.asOf).toBe(Date.parse('2026-03-14T18:00:00+08:00'))
    expect(text).not.toMatch(/\s\n|": /)
  })

  it('is the same for any order of the input arrays (property)', () => {
    fc.assert(fc.property(arbitraryCase({ maxTransfers: 20 }), fc.integer(), (c, seed) => {
      const shuffled = shuffleCase(c, seed)
      const reordered: Case = { ...shuffled, victims: shuffled.victims.map((v) => ({ ...v, accounts: [...v.accounts].reverse() })) }
      expect(canonicalCaseJson(reordered)).toBe(canonicalCaseJson(c))
    }), { numRuns: 100 })
  })

  it('changes when any single amount changes (property)', () => {
    fc.assert(fc.property(arbitraryCase({ maxTransfers: 20 }), fc.nat(), fc.bigInt({ min: 1n, max: 10_000n }), (c, pick, delta) => {
      fc.pre(c.transfers.length > 0)
      const i = pick % c.transfers.length
      const changed: Case = { ...c, transfers: c.transfers.map((t, k) => (k === i ? { ...t, amount: t.amount + delta } : t)) }
      expect(sha256Hex(canonicalCaseJson(changed))).not.toBe(sha256Hex(canonicalCaseJson(c)))
      const j = pick % c.accounts.length
      const opening: Case = { ...c, accounts: c.accounts.map((a, k) => (k === j ? { ...a, openingBalance: a.openingBalance + delta } : a)) }
      expect(sha256Hex(canonicalCaseJson(opening))).not.toBe(sha256Hex(canonicalCaseJson(c)))
    }), { numRuns: 100 })
  })
})

describe('evidenceBlock', () => {
  it('hashes the case and the core report, with method, options and version', () => {
    const c = demoCase()
    const report = demoReport()
    const block = evidenceBlock(c, report, { version: '0.1.0' })
    expect(block).toEqual({
      format: 'fundtrace/evidence@1',
      algorithm: 'sha256',
      caseId: 'JN-2026-0314-017',
      caseSha256: sha256Hex(canonicalCaseJson(c)),
      reportSha256: sha256Hex(canonicalReportJson(report)),
      method: 'fifo',
      options: { maxLevel: null, asOf: '2026-03-14T18:00:00+08:00' },
      version: '0.1.0',
    })
    expect(block.caseSha256).toMatch(/^[0-9a-f]{64}$/)
    // The evidence and flows views do not change the report hash; the method does.
    expect(block.reportSha256).toBe(sha256Hex(canonicalReportJson(toReport(trace(c, { method: 'fifo' })))))
    expect(evidenceBlock(c, demoReport('lifo'), { version: '0.1.0' }).reportSha256).not.toBe(block.reportSha256)
    expect(evidenceBlock(c, demoReport('lifo'), { version: '0.1.0' }).caseSha256).toBe(block.caseSha256)
  })

  it('is stable across runs for the same case', () => {
    expect(evidenceBlock(demoCase(), demoReport(), { version: 'x' })).toEqual(evidenceBlock(demoCase(), demoReport(), { version: 'x' }))
  })
})
