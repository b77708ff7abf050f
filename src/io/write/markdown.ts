import type { Report } from '../../report/types.js'
import { METHODS } from '../../report/types.js'
import { cell, moneyFormatter, perVictimText, table } from './_format.js'

/**
 * A Markdown summary for case notes: balance sheets, ranked actions, accounts by level, the
 * statements to pull next, warnings — and, for a `--method all` report, the side-by-side table
 * of what each method says the funded accounts hold.
 *
 * @example
 * writeFileSync('case-notes.md', toMarkdown(report))
 */
export function toMarkdown(report: Report): string {
  const money = moneyFormatter(report)
  const out: string[] = []
  out.push(`# Case ${cell(report.caseId)} — ${report.caseType}`)
  out.push('')
  out.push(`Method **${report.method}**${report.methods ? ` (balance sheets under ${report.methods.base})` : ''}; as of ${report.options.asOf ?? 'all transfers'}${report.options.maxLevel ? `; max level ${report.options.maxLevel}` : ''}. Currency ${report.currency}.`)
  out.push('')
  out.push('## Victims: loss = held + exited + returned + beyond')
  out.push('')
  out.push(table(['victim', 'loss', 'held', 'exited', 'returned', 'beyond', 'severity'], report.victims.map((v) => [v.name ? `${v.id} ${v.name}` : v.id, money(v.loss), money(v.held), money(v.exited), money(v.returned), money(v.beyond), v.severity]), [1, 2, 3, 4, 5]))
  out.push('')
  out.push(`## Actions (${report.actions.length}), funded first`)
  out.push('')
  out.push(table(['#', 'action', 'account', 'hold', 'amount', 'level', 'reason'], report.actions.map((a) => [String(a.rank), a.kind, a.account, a.hold ?? '', money(a.amount), String(a.level), a.reason]), [4]))
  if (report.methods) {
    const funded = report.methods.accounts.filter((a) => a.total.max !== '0.00' && a.total.max !== '0')
    out.push('')
    out.push('## What each method says the funded accounts hold')
    out.push('')
    out.push(table(['account', 'level', ...METHODS, 'undisputed (min)', 'max'], funded.map((a) => [a.id, String(a.level), ...METHODS.map((m) => money(a.total[m])), money(a.total.min), money(a.total.max)]), [2, 3, 4, 5, 6, 7]))
  }
  const maxLevel = report.accounts.reduce((m, a) => Math.max(m, a.level), 0)
  for (let level = 1; level <= maxLevel; level++) {
    const rows = report.accounts.filter((a) => a.level === level)
    if (rows.length === 0) continue
    out.push('')
    out.push(`## Level ${level}`)
    out.push('')
    out.push(table(['account', 'kind', 'holder', 'institution', 'received', 'held'], rows.map((a) => [a.id, a.kind, a.holder ?? '', [a.institution, a.branch].filter(Boolean).join(' '), perVictimText(a.received, money), `${perVictimText(a.held, money) || '0'}${a.pending ? ' (pending)' : ''}`])))
  }
  if (report.nextQueries.length > 0) {
    out.push('')
    out.push('## Statements to pull next')
    out.push('')
    out.push(table(['account', 'institution', 'from', 'to', 'reason'], report.nextQueries.map((q) => [q.account, [q.institution, q.branch].filter(Boolean).join(' '), q.from, q.to, q.reason])))
  }
  if (report.warnings.length > 0) {
    out.push('')
    out.push(`## Warnings (${report.warnings.length})`)
    out.push('')
    for (const w of report.warnings) out.push(`- \`${w.code}\` ${cell(w.message)}`)
  }
  return `${out.join('\n')}\n`
}
