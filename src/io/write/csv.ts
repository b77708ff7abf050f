import { currencyDigits, formatAmount, parseBalance } from '../../case/money.js'
import { csvTable, type ExportColumn, type ExportOptions } from '../../plan/routing-export.js'
import type { Report } from '../../report/types.js'
import { perVictimText } from './_format.js'

/** One exported column: its stable key and its header in each language. */
export type CsvColumn = ExportColumn

/** Columns of {@link accountsCsv}, in order (涉案账户信息 style). */
export const ACCOUNT_COLUMNS: readonly CsvColumn[] = Object.freeze([
  { key: 'account', zh: '账号', en: 'account' },
  { key: 'holder', zh: '户名', en: 'holder' },
  { key: 'institution', zh: '开户机构', en: 'institution' },
  { key: 'branch', zh: '开户网点', en: 'branch' },
  { key: 'kind', zh: '账户类型', en: 'kind' },
  { key: 'level', zh: '涉案层级', en: 'level' },
  { key: 'received', zh: '涉案金额', en: 'received' },
  { key: 'held', zh: '留存金额', en: 'held' },
  { key: 'pending', zh: '在途金额', en: 'pending' },
  { key: 'receivedByVictim', zh: '涉案金额(按受害人)', en: 'received by victim' },
  { key: 'heldByVictim', zh: '留存金额(按受害人)', en: 'held by victim' },
  { key: 'action', zh: '处置措施', en: 'action' },
])

/** Columns of {@link actionsCsv}, in order. */
export const ACTION_COLUMNS: readonly CsvColumn[] = Object.freeze([
  { key: 'rank', zh: '序号', en: 'rank' },
  { key: 'kind', zh: '措施', en: 'action' },
  { key: 'account', zh: '账号', en: 'account' },
  { key: 'holder', zh: '户名', en: 'holder' },
  { key: 'institution', zh: '开户机构', en: 'institution' },
  { key: 'branch', zh: '开户网点', en: 'branch' },
  { key: 'level', zh: '涉案层级', en: 'level' },
  { key: 'hold', zh: '止付期限', en: 'hold' },
  { key: 'amount', zh: '金额', en: 'amount' },
  { key: 'funded', zh: '有资金', en: 'funded' },
  { key: 'transfer', zh: '交易编号', en: 'transfer' },
  { key: 'remark', zh: '备注', en: 'remark' },
  { key: 'reason', zh: '理由', en: 'reason' },
])

/** Options of the CSV exports: header language (`zh` default; the column keys never change). */
export type CsvOptions = ExportOptions

/**
 * Every involved account as CSV (UTF-8 with BOM so Excel opens Chinese text; CRLF). Amounts are
 * plain decimals; cells starting with `=`, `+`, `-`, `@` are prefixed with `'` so a spreadsheet
 * never runs them as formulas.
 *
 * @example
 * writeFileSync('accounts.csv', accountsCsv(report))
 */
export function accountsCsv(report: Report, options: CsvOptions = {}): string {
  const actions = new Map<string, string[]>()
  for (const a of report.actions) actions.set(a.account, [...(actions.get(a.account) ?? []), a.hold ? `${a.kind}(${a.hold})` : a.kind])
  const digits = currencyDigits(report.currency) ?? 2
  const rows = report.accounts.map((a) => {
    let received = 0n
    for (const amount of Object.values(a.received)) {
      const parsed = parseBalance(amount, digits)
      if (parsed.ok) received += parsed.value
    }
    return {
      account: a.id, holder: a.holder ?? '', institution: a.institution ?? '', branch: a.branch ?? '', kind: a.kind, level: String(a.level),
      received: formatAmount(received, digits), held: a.heldTotal, pending: a.pendingTotal,
      receivedByVictim: perVictimText(a.received, (x) => x), heldByVictim: perVictimText(a.held, (x) => x),
      action: (actions.get(a.id) ?? []).join('; '),
    }
  })
  return csvTable(ACCOUNT_COLUMNS, rows, options)
}

/**
 * The ranked actions as CSV (UTF-8 with BOM; CRLF): the checklist a branch works through.
 *
 * @example
 * writeFileSync('actions.csv', actionsCsv(report, { language: 'en' }))
 */
export function actionsCsv(report: Report, options: CsvOptions = {}): string {
  const accounts = new Map(report.accounts.map((a) => [a.id, a]))
  const rows = report.actions.map((a) => {
    const account = accounts.get(a.account)
    return {
      rank: String(a.rank), kind: a.kind, account: a.account, holder: account?.holder ?? '', institution: account?.institution ?? '', branch: account?.branch ?? '',
      level: String(a.level), hold: a.hold ?? '', amount: a.amount, funded: a.funded ? 'yes' : 'no', transfer: a.transfer ?? '', remark: a.remark ?? '', reason: a.reason,
    }
  })
  return csvTable(ACTION_COLUMNS, rows, options)
}
