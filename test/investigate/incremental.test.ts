import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseCase } from '../../src/case/index.js'
import type { Case } from '../../src/case/types.js'
import { addStatement, startInvestigation, tracerOf } from '../../src/investigate/index.js'
import { toReport } from '../../src/report/index.js'
import { trace } from '../../src/trace/index.js'

const demo = parseCase(readFileSync(new URL('../../examples/demo-case.json', import.meta.url), 'utf8'))
const victimTransfers = new Set(demo.victims.flatMap((v) => v.transfers))
const victimAccounts = new Set(demo.victims.flatMap((v) => v.accounts))
/** The demo as the analyst first sees it: victims' transfers only, no statement of any mule. */
const start: Case = {
  ...demo,
  accounts: demo.accounts.map(({ statementThrough, ...a }) => (victimAccounts.has(a.id) ? { ...a, statementThrough: statementThrough! } : a)),
  transfers: demo.transfers.filter((t) => victimTransfers.has(t.id)),
}
const rowsOf = (account: string) => demo.transfers.filter((t) => t.from === account || t.to === account)

describe('Investigation extends its tracer (issue 5)', () => {
  it('every step equals a full trace of its case, and a step re-sweeps only from its first new transfer', () => {
    let { investigation } = startInvestigation(start, { method: 'lifo' })
    let guard = 0
    while (investigation.report.nextQueries.length > 0 && guard++ < 50) {
      const account = investigation.report.nextQueries[0]!.account
      const before = investigation.case.transfers.length
      const rows = rowsOf(account)
      investigation = addStatement(investigation, account, rows, { through: demo.asOf! }).investigation
      const tracer = tracerOf(investigation)
      expect(tracer.case).toBe(investigation.case)
      expect(tracer.stats.totalTransfers).toBe(investigation.case.transfers.length)
      const added = investigation.case.transfers.slice(before)
      const earliest = Math.min(...added.map((t) => t.time))
      const sweptBefore = investigation.case.transfers.filter((t) => t.time < earliest).length
      if (added.length > 0) expect(tracer.stats.resumedFrom).toBeLessThanOrEqual(sweptBefore)
      expect(JSON.stringify(investigation.report)).toBe(JSON.stringify(toReport(trace(investigation.case, { method: 'lifo' }))))
    }
    expect(guard).toBeGreaterThan(1)
  })

  it('branching from one step twice gives the same step both times (the known-transfer index is not shared)', () => {
    const first = startInvestigation(start).investigation
    const account = first.report.nextQueries[0]!.account
    const a = addStatement(first, account, rowsOf(account), { through: demo.asOf! })
    const b = addStatement(first, account, rowsOf(account), { through: demo.asOf! })
    expect(JSON.stringify(b.investigation.report)).toBe(JSON.stringify(a.investigation.report))
    expect(b.investigation.case.transfers.length).toBe(a.investigation.case.transfers.length)
    const next = a.investigation.report.nextQueries[0]?.account
    if (next !== undefined) {
      const c = addStatement(a.investigation, next, rowsOf(next), { through: demo.asOf! })
      const d = addStatement(a.investigation, next, rowsOf(next), { through: demo.asOf! })
      expect(d.investigation.case.transfers.length).toBe(c.investigation.case.transfers.length)
    }
  })

  it('a step built by hand gets a tracer on demand', () => {
    const first = startInvestigation(start).investigation
    const copy = { ...first }
    expect(tracerOf(copy).result.victims).toEqual(tracerOf(first).result.victims)
  })
})
