/**
 * The fund-flow diagram as Mermaid flowchart text (Mermaid lays it out in a browser or in
 * Markdown viewers such as GitLab and GitHub).
 *
 * @module io/render/mermaid
 */
import type { Report } from '../../report/types.js'
import { buildDiagram, type DiagramNode, type DiagramOptions, type NodeRole } from './_diagram.js'
import { DIAGRAM_COLOURS } from './dot.js'
import { mermaidString } from './_text.js'

/** Mermaid node shape brackets per role. */
const SHAPES: Readonly<Record<NodeRole, readonly [string, string]>> = {
  victim: ['([', '])'],
  bank: ['[', ']'],
  escalation: ['{{', '}}'],
  cash: ['[\\', '/]'],
  external: ['[[', ']]'],
}

/**
 * Mermaid `flowchart LR` of a report's fund flows: the same picture as {@link toDot} — one
 * subgraph per level, victims' accounts first, edges with transfer, time and amount per victim,
 * parallel transfers aggregated, funded accounts and escalation/sink kinds styled by class.
 * Node ids are `n0`, `n1` …; every label is quoted and escaped with Mermaid entity codes.
 * Throws a `FundtraceError` (`invalid_option`) when the report carries no flows.
 *
 * @example
 * const text = toMermaid(toReport(trace(caseFile), { flows: true }), { mask: true })
 * // flowchart LR
 * //   subgraph L0["受害人 victims"]
 * //     n0(["V1 王*<br/>6217 **** **** 1234"])
 * //   …
 * //   n0 -->|"T01 10:02:11<br/>V1 50,000.00"| n2
 */
export function toMermaid(report: Report, options: DiagramOptions = {}): string {
  const d = buildDiagram(report, options)
  const out: string[] = []
  out.push('---')
  out.push(`title: ${JSON.stringify(d.title.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' '))}`)
  out.push('---')
  out.push('flowchart LR')
  for (const r of d.ranks) {
    out.push(`  subgraph L${r.rank}[${mermaidString([r.label])}]`)
    out.push('    direction TB')
    for (const n of r.nodes) out.push(`    ${n.key}${node(n)}`)
    out.push('  end')
  }
  for (const e of d.edges) {
    const arrow = e.pending ? '-.->' : e.count > 1 ? '==>' : '-->'
    out.push(`  ${e.from} ${arrow}|${mermaidString(e.lines)}| ${e.to}`)
  }
  const c = DIAGRAM_COLOURS
  out.push(`  classDef victim fill:${c.victim.fill},stroke:${c.victim.stroke},color:#111827`)
  out.push(`  classDef bank fill:${c.bank.fill},stroke:${c.bank.stroke},color:#111827`)
  out.push(`  classDef escalation fill:${c.escalation.fill},stroke:${c.escalation.stroke},stroke-width:2px,color:#111827`)
  out.push(`  classDef sink fill:${c.cash.fill},stroke:${c.cash.stroke},color:#111827`)
  out.push(`  classDef funded fill:${c.funded.fill},stroke:${c.funded.stroke},stroke-width:2px,color:#111827`)
  out.push(`  classDef pending stroke-dasharray:5 3`)
  const byClass = new Map<string, string[]>()
  for (const n of d.nodes) {
    for (const cls of classesOf(n)) {
      const list = byClass.get(cls) ?? []
      list.push(n.key)
      byClass.set(cls, list)
    }
  }
  for (const cls of ['victim', 'bank', 'escalation', 'sink', 'funded', 'pending']) {
    const keys = byClass.get(cls)
    if (keys) out.push(`  class ${keys.join(',')} ${cls}`)
  }
  return `${out.join('\n')}\n`
}

function node(n: DiagramNode): string {
  const [open, close] = SHAPES[n.role]
  return `${open}${mermaidString(n.lines)}${close}`
}

/** Classes in classDef order, so a later one (funded) wins over the kind's fill. */
function classesOf(n: DiagramNode): string[] {
  const base = n.role === 'cash' || n.role === 'external' ? 'sink' : n.role
  return [base, ...(n.funded ? ['funded'] : []), ...(n.pending ? ['pending'] : [])]
}
