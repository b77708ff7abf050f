import type { LinkReport } from '../../link/link-report.js'
import { cell, moneyFormatter, perVictimText, table } from './_format.js'

/**
 * Markdown notes of linked cases, in chunks (one per section, so a thousand cases never make one
 * string): the cross-case ranking of accounts first, then per case its victims' balance sheets and
 * its own actions (its share, its rank and the joint rank), then the joint actions and warnings.
 *
 * @example
 * writeFileSync('link.md', [...linkMarkdownChunks(toLinkReport(linked, trace(linked.joint)))].join(''))
 */
export function* linkMarkdownChunks(report: LinkReport): Generator<string> {
  const money = moneyFormatter(report.joint)
  const { joint } = report
  yield `# Linked cases: ${report.cases.length} cases, ${joint.victims.length} victims — ${joint.caseType}\n\n`
  yield `Joint trace, method **${joint.method}**; as of ${joint.options.asOf ?? 'all transfers'}${joint.options.maxLevel ? `; max level ${joint.options.maxLevel}` : ''}. Currency ${joint.currency}. Victims are \`caseId/victimId\`.\n\n`
  yield `## Accounts across cases (${report.crossCase.length}): by money held, then number of cases\n\n`
  yield `${table(['#', 'account', 'level', 'cases', 'victims', 'held total', 'held by case'], report.crossCase.map((a, i) => [
    String(i + 1), a.account, String(a.level), String(a.cases.length), String(a.victims.length), money(a.heldTotal), perVictimText(a.heldByCase, money),
  ]), [0, 2, 3, 4, 5])}\n`
  for (const c of report.cases) {
    yield `\n## Case ${cell(c.caseId)}\n\n### Victims: loss = held + exited + returned + beyond\n\n`
    yield `${table(['victim', 'loss', 'held', 'exited', 'returned', 'beyond', 'severity'], c.victims.map((v) => [
      v.name ? `${v.id} ${v.name}` : v.id, money(v.loss), money(v.held), money(v.exited), money(v.returned), money(v.beyond), v.severity,
    ]), [1, 2, 3, 4, 5])}\n\n`
    yield `### Actions (${c.actions.length}): this case's share, funded first\n\n`
    yield c.actions.length === 0 ? 'None.\n' : `${table(['#', 'joint #', 'action', 'account', 'hold', 'amount', 'level', 'funded'], c.actions.map((a) => [
      String(a.rank), String(a.jointRank), a.transfer ? `${a.kind} ${a.transfer}` : a.kind, a.account, a.hold ?? '', money(a.amount), String(a.level), a.funded ? 'yes' : 'no',
    ]), [0, 1, 5, 6])}\n`
  }
  yield `\n## Joint actions (${joint.actions.length}), funded first\n\n`
  yield `${table(['#', 'action', 'account', 'hold', 'amount', 'level', 'reason'], joint.actions.map((a) => [
    String(a.rank), a.kind, a.account, a.hold ?? '', money(a.amount), String(a.level), a.reason,
  ]), [0, 4, 5])}\n`
  if (joint.warnings.length > 0) {
    yield `\n## Warnings (${joint.warnings.length})\n\n`
    yield `${joint.warnings.map((w) => `- \`${w.code}\` ${cell(w.message)}`).join('\n')}\n`
  }
}
