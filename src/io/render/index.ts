/**
 * Renderers of a report: diagrams (DOT, Mermaid, SVG), the self-contained HTML report, the
 * evidence block (hashes) and masking of personal data.
 *
 * @module io/render
 */
export { toDot, DIAGRAM_COLOURS, DIAGRAM_FONT } from './dot.js'
export type { DiagramOptions } from './_diagram.js'
export { toMermaid } from './mermaid.js'
export { toSvg, renderDot } from './svg.js'
export { toHtml, type HtmlOptions } from './html.js'
export { evidenceBlock, canonicalCaseJson, canonicalReportJson, sha256Hex, EVIDENCE_FORMAT, type EvidenceBlock } from './evidence.js'
export { maskAccount, maskName, maskReport } from './mask.js'
export { reportMasker, type ReportMasker } from './mask.js'
export { maskLinkReport } from './mask-link.js'
export { linkHtmlChunks, type LinkHtmlOptions } from './link-html.js'
