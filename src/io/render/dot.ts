/**
 * The fund-flow diagram as Graphviz DOT.
 *
 * @module io/render/dot
 */
import type { Report } from '../../report/types.js'
import { buildDiagram, type DiagramNode, type DiagramOptions, type NodeRole } from './_diagram.js'
import { dotString } from './_text.js'

export type { DiagramOptions } from './_diagram.js'

/**
 * Font list of the diagrams: Latin first for Graphviz's width estimate, then CJK fonts the viewer
 * falls back to.
 *
 * @example
 * DIAGRAM_FONT.split(',')[0] //=> 'Helvetica'
 */
export const DIAGRAM_FONT = 'Helvetica,Arial,Noto Sans CJK SC,WenQuanYi Micro Hei,Microsoft YaHei,sans-serif'

/**
 * Colours of the diagram, shared by the DOT and Mermaid writers and the HTML legend.
 *
 * @example
 * DIAGRAM_COLOURS.funded.fill //=> '#fde68a'
 */
export const DIAGRAM_COLOURS = {
  victim: { fill: '#dbeafe', stroke: '#1d4ed8' },
  bank: { fill: '#ffffff', stroke: '#374151' },
  escalation: { fill: '#ede9fe', stroke: '#6d28d9' },
  cash: { fill: '#e5e7eb', stroke: '#6b7280' },
  external: { fill: '#e5e7eb', stroke: '#6b7280' },
  funded: { fill: '#fde68a', stroke: '#b45309' },
  edge: '#4b5563',
  pending: '#b45309',
} as const

const SHAPES: Readonly<Record<NodeRole, string>> = {
  victim: 'box',
  bank: 'box',
  escalation: 'hexagon',
  cash: 'cylinder',
  external: 'octagon',
}

/**
 * Graphviz DOT of a report's fund flows (the report must carry `flows`:
 * `toReport(result, { flows: true })`, else a `FundtraceError` with code `invalid_option`).
 * Accounts are ranked left to right by level (victims' accounts at rank 0, one `rank=same`
 * subgraph per level); edges carry the transfer, its time and the amount of each victim's money;
 * more than `aggregateOver` (3) parallel transfers between two accounts become one edge
 * (`×5, 12,000.00`). Accounts still holding victim money are filled amber with the amount held;
 * payment platforms and POS merchants (escalation) are violet-edged hexagons; cash sinks are grey
 * cylinders and external ones grey octagons; pending arrivals are dashed. Node ids are `n0`, `n1` …; account numbers and names only appear in labels.
 *
 * @example
 * const dot = toDot(toReport(trace(caseFile), { flows: true, evidence: true }), { victim: 'V1', maxLevel: 3 })
 * // digraph fundtrace { graph [rankdir=LR …]; … n0 -> n2 [label="T01 10:02:11\nV1 50,000.00"] … }
 */
export function toDot(report: Report, options: DiagramOptions = {}): string {
  const d = buildDiagram(report, options)
  const out: string[] = []
  out.push('digraph fundtrace {')
  out.push(`  graph [rankdir=LR, newrank=true, charset="UTF-8", fontname=${dotString([DIAGRAM_FONT])}, fontsize=14, labelloc=t, labeljust=l, nodesep=0.25, ranksep=0.9, pad=0.2, label=${dotString([d.title])}];`)
  out.push(`  node [shape=box, style="rounded,filled", fillcolor="${DIAGRAM_COLOURS.bank.fill}", color="${DIAGRAM_COLOURS.bank.stroke}", fontname=${dotString([DIAGRAM_FONT])}, fontsize=10, margin="0.16,0.07"];`)
  out.push(`  edge [color="${DIAGRAM_COLOURS.edge}", fontcolor="#111827", fontname=${dotString([DIAGRAM_FONT])}, fontsize=9, arrowsize=0.7];`)
  for (const r of d.ranks) {
    out.push(`  subgraph rank_${r.rank} {`)
    out.push('    rank=same;')
    out.push(`    level_${r.rank} [shape=plaintext, style="", fontsize=12, fontcolor="#374151", label=${dotString([r.label])}];`)
    for (const n of r.nodes) out.push(`    ${n.key} [${nodeAttributes(n)}];`)
    out.push('  }')
  }
  if (d.ranks.length > 1) out.push(`  ${d.ranks.map((r) => `level_${r.rank}`).join(' -> ')} [style=invis];`)
  for (const r of d.ranks) if (r.nodes.length > 0) out.push(`  level_${r.rank} -> ${r.nodes[0]!.key} [style=invis, weight=0];`)
  for (const e of d.edges) {
    const attributes = [`label=${dotString(e.lines)}`]
    if (e.pending) attributes.push('style=dashed', `color="${DIAGRAM_COLOURS.pending}"`)
    if (e.count > 1) attributes.push(`penwidth=${Math.min(4, 1 + Math.log2(e.count)).toFixed(1)}`)
    out.push(`  ${e.from} -> ${e.to} [${attributes.join(', ')}];`)
  }
  out.push('}')
  return `${out.join('\n')}\n`
}

function nodeAttributes(n: DiagramNode): string {
  const colours = n.funded ? DIAGRAM_COLOURS.funded : DIAGRAM_COLOURS[n.role]
  const style = ['filled', ...(n.role === 'victim' || n.role === 'bank' ? ['rounded'] : []), ...(n.pending ? ['dashed'] : [])]
  const stroke = n.role === 'escalation' ? DIAGRAM_COLOURS.escalation.stroke : colours.stroke
  return [
    `label=${dotString(n.lines)}`,
    `shape=${SHAPES[n.role]}`,
    `style="${style.join(',')}"`,
    `fillcolor="${colours.fill}"`,
    `color="${stroke}"`,
    ...(n.role === 'escalation' || n.role === 'external' ? ['margin="0.02,0.02"'] : []),
    ...(n.funded || n.role === 'escalation' ? ['penwidth=2'] : []),
    `class="${n.role}${n.funded ? ' funded' : ''}"`,
  ].join(', ')
}
