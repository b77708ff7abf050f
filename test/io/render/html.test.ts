import { describe, expect, it } from 'vitest'
import { FundtraceError } from '../../../src/errors/index.js'
import { toHtml } from '../../../src/io/render/html.js'
import { toSvg } from '../../../src/io/render/svg.js'
import { evidenceBlock } from '../../../src/io/render/evidence.js'
import { maskReport } from '../../../src/io/render/mask.js'
import { toDot } from '../../../src/io/render/dot.js'
import { toReportAll } from '../../../src/report/index.js'
import { compareMethods } from '../../../src/trace/index.js'
import { at, makeCase, yuan } from '../../_case.js'
import { demoCase, demoReport, fullReport } from './_demo.js'

/** The inner HTML of the element with this id (first match, sections do not nest). */
function section(html: string, id: string): string {
  const m = new RegExp(`<section id="${id}">([\\s\\S]*?)</section>`).exec(html)
  if (!m) throw new Error(`no section #${id}`)
  return m[1]!
}

describe('toHtml on the demo case', async () => {
  const caseFile = demoCase()
  const report = demoReport()
  const svg = await toSvg(report)
  const html = toHtml(report, { caseFile, svg, version: '0.1.0' })

  it('is one self-contained HTML5 page: zh-CN, UTF-8, no script, nothing fetched', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">')).toBe(true)
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|\bsrc=|https?:\/\/(?!www\.w3\.org\/)/i)
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'`)
    expect(html).toMatch(/@media print/)
    expect(html).toMatch(/@page \{ size: A4/)
  })

  it('has the case header with the evidence hashes', () => {
    const block = evidenceBlock(caseFile, report, { version: '0.1.0' })
    expect(html).toContain('<header id="case" data-case-id="JN-2026-0314-017" data-method="fifo">')
    expect(html).toContain(`<dd data-field="case-sha256">${block.caseSha256}</dd>`)
    expect(html).toContain(`<dd data-field="report-sha256">${block.reportSha256}</dd>`)
    expect(html).toContain('<dd data-field="currency">CNY</dd>')
    expect(html).toContain('<dd data-field="as-of">2026-03-14 18:00:00 +08:00</dd>')
    expect(html).toContain('<dd data-field="reported-at">2026-03-14 16:10:00 +08:00</dd>')
  })

  it('has the balance sheet per victim', () => {
    const victims = section(html, 'victims')
    expect(victims).toContain('<tr data-victim="V1"><td>V1</td><td>王芳</td><td class="amount" data-field="loss" data-amount="80000.00">80,000.00</td>')
    expect(victims).toContain('data-field="loss" data-amount="120000.00">120,000.00</td>')
    expect(victims.match(/class="ok"/g)).toHaveLength(2)
  })

  it('has the ranked checklist, funded first, with the remark', () => {
    const actions = section(html, 'actions')
    const ranks = [...actions.matchAll(/<tr data-rank="(\d+)"/g)].map((m) => Number(m[1]))
    expect(ranks).toEqual(report.actions.map((a) => a.rank))
    expect(actions).toContain('<tr data-rank="1" data-kind="stop_payment" data-account="6222020200004321" data-funded="true">')
    const first = /<tr data-rank="1"[\s\S]*?<\/tr>/.exec(actions)![0]
    expect(first).toContain('<input type="checkbox"')
    expect(first).toContain('李强')
    expect(first).toContain('ICBC 济南历下支行')
    expect(first).toContain('长期有效')
    expect(first).toContain('<td class="amount" data-amount="46520.00">46,520.00</td>')
    expect(actions).toContain('涉嫌电信/网络诈骗紧急止付,如需解除止付请与止付行联系')
    expect(actions).toContain('<tbody class="funded">')
  })

  it('inlines the diagram, lists accounts level by level, evidence chains and warnings', () => {
    const diagram = section(html, 'diagram')
    expect(diagram).toMatch(/<figure class="diagram"><svg /)
    expect(diagram).not.toMatch(/<\?xml|<!DOCTYPE|<!--/)
    expect(diagram.match(/<g id="node\d+" class="node/g)!.length).toBeGreaterThan(10)
    const accounts = section(html, 'accounts')
    expect([...accounts.matchAll(/<h3 data-level="(\d+)"/g)].map((m) => m[1])).toEqual(['1', '2', '3', '4'])
    expect(accounts).toContain('<tr data-account="6222081234500005" data-level="4" data-kind="bank" class="funded">')
    const evidence = section(html, 'evidence')
    expect(evidence.match(/<article class="evidence-account"/g)).toHaveLength(Object.keys(report.evidence!).length)
    expect(evidence).toContain('<li data-transfer="T12">')
    expect(section(html, 'warnings')).toContain('<li data-code="unreachable">')
    expect(html).toContain('<section id="queries">')
  })

  it('masks everything on request, keeping the real hashes', () => {
    const masked = toHtml(report, { caseFile, svg: undefined, mask: true, version: '0.1.0' })
    for (const a of report.accounts) expect(masked).not.toContain(a.id)
    for (const name of ['王芳', '刘洋', '李强', '昆明某某数码商行']) expect(masked).not.toContain(name)
    expect(masked).toContain('data-account="6222 **** **** 4321"')
    expect(masked).toContain(evidenceBlock(caseFile, report, { version: '0.1.0' }).caseSha256)
    expect(() => toHtml(report, { svg, mask: true })).toThrow(FundtraceError)
    // Graphviz writes '-' as '&#45;': an unmasked 'ALIPAY-…' is still caught.
    const alipayOnly = `<svg><text>ALIPAY&#45;2088102233445566</text></svg>`
    expect(() => toHtml(report, { svg: alipayOnly, mask: true })).toThrow(FundtraceError)
  })
})

describe('a four-method comparison report (--method all)', () => {
  it('renders and masks like any other', async () => {
    const caseFile = demoCase()
    const report = toReportAll(compareMethods(caseFile), { flows: true, evidence: true })
    const html = toHtml(report, { caseFile, svg: await toSvg(report) })
    expect(html).toContain('data-method="all"')
    expect(html).toContain('四种规则对比')
    expect(html).toContain('<tr data-rank="1"')
    expect(toDot(report)).toContain('rankdir=LR')
    const json = JSON.stringify(maskReport(report))
    for (const a of report.methods!.accounts) expect(json).not.toContain(a.id)
  })
})

describe('toHtml escaping', () => {
  it('escapes hostile holder names, ids and case ids everywhere', async () => {
    const evil = '<img src=x onerror=alert(1)>"\'&'
    const c = { ...makeCase({
      accounts: [{ id: 'M<b>"1"', holder: evil, institution: '</td><script>x</script>', branch: '&amp;' }],
      victims: [{ id: 'A', name: `${evil}王`, accounts: ['a'], transfers: ['T1'] }],
      transfers: [{ id: 'T1', from: 'a', to: 'M<b>"1"', amount: yuan(10), time: at(0) }],
    }), caseId: '</title><script>alert(2)</script>' }
    const report = fullReport(c)
    const html = toHtml(report, { caseFile: c, svg: await toSvg(report) })
    expect(html).not.toMatch(/<script|<img|<b>|onerror=alert\(1\)>/)
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;')
    expect(html).toContain('&lt;/td&gt;&lt;script&gt;x&lt;/script&gt; &amp;amp;')
    expect(html).toContain('<title>资金查控报告 &lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt;</title>')
    expect(html).toContain('data-account="M&lt;b&gt;&quot;1&quot;"')
    expect(html).toContain('&amp;amp;')
  })

  it('refuses an svg with script or external references', () => {
    const report = demoReport()
    for (const svg of ['<svg><script>alert(1)</script></svg>', '<svg><image href="https://x/y.png"/></svg>', '<svg onload="x()"></svg>', 'not svg']) {
      expect(() => toHtml(report, { svg })).toThrow(FundtraceError)
    }
  })
})

describe('toSvg', () => {
  it('renders the demo in-process, deterministically, with sanitised node ids', async () => {
    const report = demoReport()
    const svg = await toSvg(report)
    expect(svg).toMatch(/^<\?xml[\s\S]*<svg width="\d+pt" height="\d+pt"/)
    expect(svg).toContain('<title>n0</title>')
    expect(svg).toContain('6222020200004321')
    expect(svg).toContain('王芳')
    expect(svg).toMatch(/<g id="node\d+" class="node bank funded">/)
    expect(await toSvg(report)).toBe(svg)
    const masked = await toSvg(report, { mask: true })
    expect(masked).not.toContain('6222020200004321')
    expect(masked).toContain('6222 **** **** 4321')
  })
})
