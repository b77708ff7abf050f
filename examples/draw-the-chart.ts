/**
 * Draw the fund-flow chart of the demo case: Graphviz DOT, Mermaid and a standalone SVG (laid out
 * in-process by Graphviz compiled to WebAssembly, `@viz-js/viz` — no system binary), plus the
 * self-contained HTML case report, in out/.
 *
 *   npx tsx examples/draw-the-chart.ts
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { parseCase, toDot, toHtml, toMermaid, toReport, toSvg, trace } from '../src/index.js'

const caseFile = parseCase(readFileSync(new URL('./demo-case.json', import.meta.url), 'utf8'))
// The diagrams draw the transfers that carried victim money: ask the report for its flows
// (and for the evidence chains, which the HTML report shows).
const report = toReport(trace(caseFile, { method: 'fifo' }), { flows: true, evidence: true })

await mkdir('out', { recursive: true })
const dot = toDot(report)
await writeFile('out/demo.dot', dot)
console.log(`wrote out/demo.dot (${dot.split('\n').length} lines)`)

await writeFile('out/demo.mmd', toMermaid(report))
console.log('wrote out/demo.mmd')

// One victim's money only, account numbers and names masked: fit to share outside the bank.
await writeFile('out/demo-V2-masked.dot', toDot(report, { victim: 'V2', mask: true }))
console.log('wrote out/demo-V2-masked.dot')

const svg = await toSvg(report)
await writeFile('out/demo.svg', svg)
console.log(`wrote out/demo.svg (${Math.round(svg.length / 1024)} KiB)`)

// The HTML report embeds the SVG; with the case it also carries the SHA-256 of case and report.
const html = toHtml(report, { caseFile, svg })
await writeFile('out/demo.html', html)
console.log(`wrote out/demo.html (${Math.round(html.length / 1024)} KiB)`)
