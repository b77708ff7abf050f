import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseCase } from '../../../src/case/index.js'
import { accountsCsv, actionsCsv, ACCOUNT_COLUMNS, ACTION_COLUMNS } from '../../../src/io/write/csv.js'
import { toMarkdown } from '../../../src/io/write/markdown.js'
import { formatSummary } from '../../../src/io/write/summary.js'
import { toReport, toReportAll } from '../../../src/report/index.js'
import { compareMethods, trace } from '../../../src/trace/index.js'

const demo = parseCase(readFileSync(new URL('../../../examples/demo-case.json', import.meta.url), 'utf8'))
const report = toReport(trace(demo, { method: 'fifo' }))

describe('exports of the demo report (snapshots reviewed by eye)', () => {
  it('accounts CSV: BOM, CRLF, stable columns, one row per involved account', async () => {
    const csv = accountsCsv(report)
    expect(csv.startsWith('\uFEFF账号,户名,')).toBe(true)
    expect(csv.split('\r\n').filter(Boolean).length).toBe(report.accounts.length + 1)
    expect(csv).toContain('6222020200004321,李强,ICBC,济南历下支行,bank,1,170000.00,46520.00,0.00')
    await expect(csv).toMatchFileSnapshot('./__snapshots__/demo-accounts.csv')
  })

  it('actions CSV in English headers: the ranked checklist', async () => {
    const csv = actionsCsv(report, { language: 'en' })
    expect(csv.split('\r\n')[0]).toBe(`\uFEFF${ACTION_COLUMNS.map((c) => c.en).join(',')}`)
    expect(csv.split('\r\n')[1]).toMatch(/^1,stop_payment,6222020200004321,李强,ICBC,济南历下支行,1,long_term,46520.00,yes,,/)
    await expect(csv).toMatchFileSnapshot('./__snapshots__/demo-actions.en.csv')
  })

  it('a holder name that looks like a formula is neutralised', () => {
    const hostile = { ...report, accounts: report.accounts.map((a, i) => (i === 0 ? { ...a, holder: '=HYPERLINK("http://x")' } : a)) }
    expect(accountsCsv(hostile)).toContain(`'=HYPERLINK`)
    expect(ACCOUNT_COLUMNS.map((c) => c.key)).toContain('held')
  })

  it('Markdown summary and the text summary', async () => {
    await expect(toMarkdown(report)).toMatchFileSnapshot('./__snapshots__/demo-summary.md')
    await expect(formatSummary(report)).toMatchFileSnapshot('./__snapshots__/demo-summary.txt')
  })

  it('Markdown of --method all shows the side-by-side method table for funded accounts', async () => {
    const md = toMarkdown(toReportAll(compareMethods(demo)))
    expect(md).toContain('## What each method says the funded accounts hold')
    expect(md).toContain('| 6214830012340001 | 2 | 15,300.00 | 10,000.00 | 13,933.61 | 15,300.00 | 10,000.00 | 15,300.00 |')
    await expect(md).toMatchFileSnapshot('./__snapshots__/demo-summary.all.md')
  })
})
