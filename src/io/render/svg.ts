/**
 * The fund-flow diagram as SVG, laid out in-process by Graphviz compiled to WebAssembly
 * (`@viz-js/viz`): no system binary, no browser.
 *
 * @module io/render/svg
 */
import type { Report } from '../../report/types.js'
import type { DiagramOptions } from './_diagram.js'
import { toDot } from './dot.js'

type Viz = Awaited<ReturnType<typeof import('@viz-js/viz').instance>>

let viz: Promise<Viz> | undefined

/** The Graphviz instance, loaded on first use and shared. */
function graphviz(): Promise<Viz> {
  viz ??= import('@viz-js/viz').then((m) => m.instance()).catch((error: unknown) => {
    viz = undefined
    throw error
  })
  return viz
}

/**
 * Renders {@link toDot}'s diagram to a standalone SVG document with Graphviz `dot` in
 * WebAssembly. Same options as {@link toDot}; the same report and options give the same SVG.
 *
 * @example
 * const svg = await toSvg(toReport(trace(caseFile), { flows: true, evidence: true }), { mask: true })
 * await writeFile('flows.svg', svg)
 */
export async function toSvg(report: Report, options: DiagramOptions = {}): Promise<string> {
  const dot = toDot(report, options)
  return renderDot(dot)
}

/**
 * Renders DOT text to SVG with the in-process Graphviz. Throws when Graphviz reports an error.
 *
 * @example
 * const svg = await renderDot('digraph { a -> b }')
 */
export async function renderDot(dot: string): Promise<string> {
  const instance = await graphviz()
  const result = instance.render(dot, { format: 'svg', engine: 'dot' })
  if (result.status !== 'success') {
    const errors = result.errors.filter((e) => e.level !== 'warning').map((e) => e.message.trim()).join('; ')
    throw new Error(`fundtrace/render: Graphviz could not render the diagram: ${errors || 'unknown error'}`)
  }
  return result.output
}
