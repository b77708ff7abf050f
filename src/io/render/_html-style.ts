/** Internal: the inline stylesheet of the HTML report (screen and A4 print). */
import { DIAGRAM_COLOURS } from './dot.js'

const c = DIAGRAM_COLOURS

/**
 * The report's CSS: readable on screen, a clean A4 checklist on paper (diagram on a landscape page).
 *
 * @example
 * `<style>${HTML_STYLE}</style>`
 */
export const HTML_STYLE = `
:root { --ink: #111827; --muted: #4b5563; --line: #d1d5db; --head: #f3f4f6; --funded: ${c.funded.fill}; --accent: #1d4ed8; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 1180px; padding: 20px 24px 40px; color: var(--ink); background: #fff;
  font: 14px/1.5 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", system-ui, sans-serif; }
h1 { font-size: 22px; margin: 0 0 8px; }
h2 { font-size: 17px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 14px; margin: 16px 0 6px; }
.en { color: var(--muted); font-weight: normal; font-size: 0.85em; }
.note { color: var(--muted); font-size: 12px; margin: 4px 0 8px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 2px 14px; margin: 8px 0; font-size: 13px; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; }
dl.hashes { display: grid; grid-template-columns: max-content 1fr; gap: 1px 12px; margin: 8px 0 0; font-size: 11px; color: var(--muted); }
dl.hashes dd { margin: 0; font-family: ui-monospace, "DejaVu Sans Mono", monospace; word-break: break-all; }
table { width: 100%; border-collapse: collapse; font-size: 13px; margin: 4px 0 10px; }
th, td { border: 1px solid var(--line); padding: 4px 6px; vertical-align: top; text-align: left; }
thead th { background: var(--head); font-weight: 600; white-space: nowrap; }
td.amount, th.amount { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.account, .account { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; white-space: nowrap; }
td.rank { text-align: right; font-weight: 600; }
td.check { width: 26px; text-align: center; }
td.check input { width: 16px; height: 16px; margin: 1px 0 0; }
td.reason { font-size: 12px; min-width: 14em; }
td.ok { color: #047857; text-align: center; }
td.bad { color: #b91c1c; text-align: center; font-weight: 700; }
tr.funded td, tbody.funded td.amount { background: #fffbeb; }
tr.group th { background: #fff; text-align: left; font-size: 12px; color: var(--muted); border-left: 4px solid var(--ink); }
tbody.funded tr.group th { border-left-color: ${c.funded.stroke}; }
.remark { margin: 4px 0 8px; padding: 6px 10px; border: 1px dashed ${c.funded.stroke}; background: #fffbeb; font-size: 13px; }
.badge { display: inline-block; padding: 0 5px; border-radius: 3px; font-size: 11px; background: var(--head); color: var(--muted); white-space: nowrap; }
.badge.pending { background: #fef3c7; color: #92400e; }
figure.diagram { margin: 8px 0; overflow-x: auto; border: 1px solid var(--line); padding: 8px; }
figure.diagram svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
figure.diagram figcaption { font-size: 12px; color: var(--muted); margin-top: 6px; }
.legend span.swatch { display: inline-block; width: 12px; height: 12px; border: 2px solid; vertical-align: -2px; margin: 0 3px 0 10px; }
.legend .victim { background: ${c.victim.fill}; border-color: ${c.victim.stroke}; border-radius: 3px; }
.legend .funded { background: ${c.funded.fill}; border-color: ${c.funded.stroke}; }
.legend .escalation { background: ${c.escalation.fill}; border-color: ${c.escalation.stroke}; }
.legend .sink { background: ${c.cash.fill}; border-color: ${c.cash.stroke}; }
.legend .bank { background: ${c.bank.fill}; border-color: ${c.bank.stroke}; border-radius: 3px; }
article.evidence-account { border-left: 3px solid ${c.funded.stroke}; padding: 0 0 0 10px; margin: 10px 0; }
table.accounts { table-layout: fixed; }
table.accounts col.c-account { width: 19%; } table.accounts col.c-kind { width: 11%; } table.accounts col.c-holder { width: 11%; }
table.accounts col.c-inst { width: 16%; } table.accounts col.c-received, table.accounts col.c-held { width: 12%; }
table.accounts col.c-total { width: 9%; } table.accounts col.c-statement { width: 10%; }
table.accounts td { overflow-wrap: anywhere; }
table.accounts thead th { white-space: normal; }
table.accounts .badge { white-space: normal; }
table.accounts td.account { white-space: normal; }
.victim-amount { white-space: nowrap; }
.chain { margin: 4px 0 8px; }
.chain p { margin: 0; font-size: 13px; }
.chain ol { margin: 2px 0 0; padding-left: 22px; font-size: 12px; }
.chain li { margin: 1px 0; }
ul.warnings { padding-left: 20px; font-size: 13px; }
ul.warnings code { font-weight: 600; }
.path { color: var(--muted); font-family: ui-monospace, monospace; font-size: 11px; }
footer { margin-top: 28px; padding-top: 8px; border-top: 1px solid var(--line); color: var(--muted); font-size: 11px; }
@page { size: A4 portrait; margin: 12mm 10mm 14mm; }
@page diagram { size: A4 landscape; margin: 10mm; }
@media print {
  html, body { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { max-width: none; padding: 0 1px; font-size: 9pt; }
  h1 { font-size: 15pt; }
  h2 { font-size: 12pt; margin-top: 14pt; break-after: avoid; }
  h3 { font-size: 10pt; break-after: avoid; }
  table { font-size: 8.5pt; }
  td.account, .account { font-size: 8pt; }
  td.reason { font-size: 8pt; min-width: 0; }
  table.checklist { table-layout: fixed; }
  table.checklist col.c-check { width: 4%; } table.checklist col.c-rank { width: 4%; } table.checklist col.c-action { width: 10%; }
  table.checklist col.c-account { width: 19%; } table.checklist col.c-holder { width: 8%; } table.checklist col.c-inst { width: 13%; }
  table.checklist col.c-hold { width: 8%; } table.checklist col.c-amount { width: 10%; } table.checklist col.c-reason { width: 24%; }
  table.checklist td { overflow-wrap: anywhere; }
  table.checklist td.account { white-space: normal; }
  table.checklist thead th { white-space: normal; }
  td.action .en, td.hold .en { display: none; }
  thead { display: table-header-group; }
  tr, .chain, dl { break-inside: avoid; }
  section#diagram { page: diagram; break-before: page; }
  figure.diagram { border: none; padding: 0; overflow: visible; }
  figure.diagram svg { max-height: 170mm; width: auto; max-width: 100%; }
  section#accounts { break-before: page; }
}
`
