import { currencyDigits, formatAmountGrouped, parseBalance } from '../../case/money.js'
import type { Report } from '../../report/types.js'

/**
 * A plain-text summary of a report for a terminal or case notes: per-victim balance sheet,
 * accounts level by level, ranked actions and the next statements to pull.
 *
 * @example
 * process.stdout.write(formatSummary(toReport(trace(caseFile))))
 */
export function formatSummary(report: Report): string {
  const digits = currencyDigits(report.currency) ?? 2
  const money = (text: string) => {
    const parsed = parseBalance(text, digits)
    return parsed.ok ? formatAmountGrouped(parsed.value, digits) : text
  }
  const lines: string[] = []
  lines.push(`Case ${report.caseId} (${report.caseType}), method ${report.method}, as of ${report.options.asOf ?? 'all transfers'}${report.options.maxLevel ? `, max level ${report.options.maxLevel}` : ''}`)
  lines.push('')
  lines.push(`Victims (${report.currency}): loss = held + exited + returned + beyond`)
  lines.push(table(['victim', 'loss', 'held', 'exited', 'returned', 'beyond', 'severity'],
    report.victims.map((v) => [v.name ? `${v.id} ${v.name}` : v.id, money(v.loss), money(v.held), money(v.exited), money(v.returned), money(v.beyond), v.severity])))
  const maxLevel = report.accounts.reduce((m, a) => Math.max(m, a.level), 0)
  for (let level = 1; level <= maxLevel; level++) {
    const rows = report.accounts.filter((a) => a.level === level)
    if (rows.length === 0) continue
    lines.push('')
    lines.push(`Level ${level} accounts`)
    lines.push(table(['account', 'kind', 'holder', 'institution', 'received', 'held', ''],
      rows.map((a) => [a.id, a.kind, a.holder ?? '', [a.institution, a.branch].filter(Boolean).join(' '), perVictim(a.received, money), perVictim(a.held, money) || '0', a.pending ? 'pending' : ''])))
  }
  lines.push('')
  lines.push(`Actions (${report.actions.length}), funded first`)
  lines.push(table(['#', 'action', 'account', 'hold', 'amount', 'level', 'reason'],
    report.actions.map((a) => [String(a.rank), a.kind, a.account, a.hold ?? '', money(a.amount), String(a.level), a.reason])))
  if (report.nextQueries.length > 0) {
    lines.push('')
    lines.push('Statements to pull next')
    lines.push(table(['account', 'institution', 'from', 'to', 'reason'],
      report.nextQueries.map((q) => [q.account, [q.institution, q.branch].filter(Boolean).join(' '), q.from, q.to, q.reason])))
  }
  if (report.warnings.length > 0) {
    lines.push('')
    lines.push(`Warnings (${report.warnings.length})`)
    for (const w of report.warnings.slice(0, 20)) lines.push(`  ${w.code}: ${w.message}`)
    if (report.warnings.length > 20) lines.push(`  … and ${report.warnings.length - 20} more in the JSON report`)
  }
  return `${lines.join('\n')}\n`
}

function perVictim(map: Readonly<Record<string, string>>, money: (t: string) => string): string {
  return Object.entries(map).map(([v, amount]) => `${v} ${money(amount)}`).join('; ')
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))))
  const render = (cells: readonly string[]) => `  ${cells.map((c, i) => c + ' '.repeat(widths[i]! - width(c))).join('  ').trimEnd()}`
  return [render(header), ...rows.map(render)].join('\n')
}

/** Display width: CJK and full-width characters take two columns in a terminal. */
function width(text: string): number {
  let w = 0
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1
  return w
}
