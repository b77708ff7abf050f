/**
 * Exports of routing packets: CSV (UTF-8 with BOM, CRLF, RFC 4180) and Markdown, with stable
 * column keys and Chinese or English headers.
 *
 * @module plan/routing-export
 */
import { stringify } from 'csv-stringify/sync'
import { digitsOf, fmtGrouped, toMinor } from './_lib/money.js'
import { actionLabel, CASE_TYPE_LABELS, HOLD_LABELS, SEVERITY_LABELS, type Language } from './labels.js'
import type { RoutingPacket } from './routing.js'

/**
 * A column of an export: a stable key and its headers in both languages.
 *
 * @example
 * ATTACHMENT2_COLUMNS[0] //=> { key: 'account', zh: '账号', en: 'account' }
 */
export interface ExportColumn {
  readonly key: string
  readonly zh: string
  readonly en: string
}

/**
 * Attachment 1 columns, one row per victim (case fields repeated on every row):
 * `caseId` 案件编号, `caseType` 案件类型, `reportedAt` 报案时间, `caseSeverity` 案件金额等级,
 * `victimId` 受害人编号, `victimName` 受害人姓名, `lossTimes` 被骗时间 (`; `-separated),
 * `loss` 被骗金额, `severity` 金额等级.
  *
  * @example
  * ATTACHMENT1_COLUMNS.map((c) => c.key).join(',') //=> 'caseId,caseType,reportedAt,caseSeverity,victimId,victimName,lossTimes,loss,severity'
 */
export const ATTACHMENT1_COLUMNS: readonly ExportColumn[] = Object.freeze([
  { key: 'caseId', zh: '案件编号', en: 'case id' },
  { key: 'caseType', zh: '案件类型', en: 'case type' },
  { key: 'reportedAt', zh: '报案时间', en: 'reported at' },
  { key: 'caseSeverity', zh: '案件金额等级', en: 'case severity' },
  { key: 'victimId', zh: '受害人编号', en: 'victim id' },
  { key: 'victimName', zh: '受害人姓名', en: 'victim name' },
  { key: 'lossTimes', zh: '被骗时间', en: 'loss times' },
  { key: 'loss', zh: '被骗金额', en: 'loss' },
  { key: 'severity', zh: '金额等级', en: 'severity' },
])

/**
 * Attachment 2 columns, one row per stop: `account` 账号, `holder` 户名, `amount` 止付金额,
 * `hold` 止付期限, `remark` 备注.
  *
  * @example
  * ATTACHMENT2_COLUMNS.map((c) => c.zh).join(',') //=> '账号,户名,止付金额,止付期限,备注'
 */
export const ATTACHMENT2_COLUMNS: readonly ExportColumn[] = Object.freeze([
  { key: 'account', zh: '账号', en: 'account' },
  { key: 'holder', zh: '户名', en: 'holder' },
  { key: 'amount', zh: '止付金额', en: 'amount' },
  { key: 'hold', zh: '止付期限', en: 'hold' },
  { key: 'remark', zh: '备注', en: 'remark' },
])

/**
 * Attachment 3 columns, one row per involved account: `account` 账号, `holder` 户名,
 * `institution` 开户机构, `branch` 开户网点, `level` 涉案层级, `received` 涉案金额,
 * `held` 留存金额, `action` 处置措施 (`; `-separated).
  *
  * @example
  * ATTACHMENT3_COLUMNS.map((c) => c.en).join(',') //=> 'account,holder,institution,branch,level,received,held,action'
 */
export const ATTACHMENT3_COLUMNS: readonly ExportColumn[] = Object.freeze([
  { key: 'account', zh: '账号', en: 'account' },
  { key: 'holder', zh: '户名', en: 'holder' },
  { key: 'institution', zh: '开户机构', en: 'institution' },
  { key: 'branch', zh: '开户网点', en: 'branch' },
  { key: 'level', zh: '涉案层级', en: 'level' },
  { key: 'received', zh: '涉案金额', en: 'received' },
  { key: 'held', zh: '留存金额', en: 'held' },
  { key: 'action', zh: '处置措施', en: 'action' },
])

/**
 * Options of the packet exports.
 *
 * @example
 * packetCsv(packet, { language: 'en', escapeFormulas: false })
 */
export interface ExportOptions {
  /** Language of headers and labels (case type, severity, hold, action). Default `zh`. */
  readonly language?: Language
  /**
   * CSV only: prefix `'` to text cells starting with `=`, `+`, `-`, `@`, tab or CR so a
   * spreadsheet does not run them as formulas (holder names come from outside). Default `true`.
   */
  readonly escapeFormulas?: boolean
}

/**
 * The three attachments of a packet as CSV texts.
 *
 * @example
 * writeFileSync('attachment2.csv', packetCsv(packet).attachment2)
 */
export interface PacketCsv {
  readonly attachment1: string
  readonly attachment2: string
  readonly attachment3: string
}

/** A table row keyed by column key. */
export type Row = Record<string, string>

/**
 * Rows of the three attachments of a packet, keyed by the stable column keys, with labels in
 * the chosen language and amounts as plain decimal strings.
 *
 * @example
 * packetRows(packet, { language: 'en' }).attachment2[0]
 * //=> { account: '6222…', holder: '李四', amount: '12000.00', hold: 'long-term', remark: '涉嫌电信/网络诈骗紧急止付,…' }
 */
export function packetRows(packet: RoutingPacket, options: ExportOptions = {}): { attachment1: Row[]; attachment2: Row[]; attachment3: Row[] } {
  const lang = options.language ?? 'zh'
  const f = packet.attachment1
  const sep = '; '
  return {
    attachment1: f.victims.map((v) => ({
      caseId: f.caseId,
      caseType: CASE_TYPE_LABELS[f.caseType][lang],
      reportedAt: f.reportedAt ?? '',
      caseSeverity: SEVERITY_LABELS[f.severity][lang],
      victimId: v.id,
      victimName: v.name ?? '',
      lossTimes: v.times.join(sep),
      loss: v.loss,
      severity: SEVERITY_LABELS[v.severity][lang],
    })),
    attachment2: packet.attachment2.map((r) => ({
      account: r.account,
      holder: r.holder ?? '',
      amount: r.amount,
      hold: HOLD_LABELS[r.hold][lang],
      remark: r.remark,
    })),
    attachment3: packet.attachment3.map((r) => ({
      account: r.account,
      holder: r.holder ?? '',
      institution: r.institution ?? '',
      branch: r.branch ?? '',
      level: String(r.level),
      received: r.received,
      held: r.held,
      action: r.actions.map((a) => actionLabel(a, lang)).join(sep),
    })),
  }
}

/**
 * The packet's three attachments as CSV: UTF-8 with a byte-order mark (so spreadsheet software
 * reads Chinese correctly), CRLF line ends, a header row in the chosen language, columns as in
 * {@link ATTACHMENT1_COLUMNS}, {@link ATTACHMENT2_COLUMNS} and {@link ATTACHMENT3_COLUMNS}.
 *
 * @example
 * const csv = packetCsv(packet)
 * csv.attachment2.startsWith('\uFEFF账号,户名,止付金额,止付期限,备注\r\n') //=> true
 */
export function packetCsv(packet: RoutingPacket, options: ExportOptions = {}): PacketCsv {
  const rows = packetRows(packet, options)
  const write = (columns: readonly ExportColumn[], data: Row[]) => csvTable(columns, data, options)
  return {
    attachment1: write(ATTACHMENT1_COLUMNS, rows.attachment1),
    attachment2: write(ATTACHMENT2_COLUMNS, rows.attachment2),
    attachment3: write(ATTACHMENT3_COLUMNS, rows.attachment3),
  }
}

/**
 * The packet as one Markdown document: addressee, copies, notes, then the three attachments as
 * tables (amounts grouped by thousands). Cell text is escaped (`|`, `\`, `<`, `>`, `&`, line breaks).
 *
 * @example
 * packetMarkdown(packet, { language: 'en' }).split('\n')[0]
 * //=> '# Stop-payment request packet — ICBC 历下支行'
 */
export function packetMarkdown(packet: RoutingPacket, options: ExportOptions = {}): string {
  const lang = options.language ?? 'zh'
  const rows = packetRows(packet, options)
  const digits = digitsOf(packet.attachment1.currency)
  const group = (text: string) => (text === '' ? '' : fmtGrouped(toMinor(text, digits, []), digits))
  const t = lang === 'zh' ? ZH : EN
  const to = packet.institution === null ? t.unknownInstitution : `${packet.institution}${packet.branch === null ? '' : ` ${packet.branch}`}`
  const out: string[] = [`# ${t.title} — ${escapeMd(to)}`, '']
  out.push(`- ${t.caseId}: ${escapeMd(packet.attachment1.caseId)}`)
  out.push(`- ${t.accounts}: ${packet.accounts.length}${packet.internal ? ` (${t.internal})` : ''}`)
  out.push(`- ${t.copyTo}: ${packet.copyTo.map(escapeMd).join('; ')}`)
  out.push(`- ${t.victimForms}: ${packet.victimForms.join(', ')}`)
  for (const note of packet.notes) out.push(`- ${t.note}: ${escapeMd(note)}`)
  out.push('')
  const table = (title: string, columns: readonly ExportColumn[], data: Row[], amountKeys: readonly string[]) => {
    out.push(`## ${title}`, '')
    out.push(`| ${columns.map((c) => escapeMd(c[lang])).join(' | ')} |`)
    out.push(`|${columns.map((c) => (amountKeys.includes(c.key) || c.key === 'level' ? ' ---: ' : ' --- ')).join('|')}|`)
    for (const row of data) out.push(`| ${columns.map((c) => escapeMd(amountKeys.includes(c.key) ? group(row[c.key] ?? '') : row[c.key] ?? '')).join(' | ')} |`)
    if (data.length === 0) out.push(`| ${columns.map(() => '').join(' | ')} |`)
    out.push('')
  }
  table(t.a1, ATTACHMENT1_COLUMNS, rows.attachment1, ['loss'])
  table(t.a2, ATTACHMENT2_COLUMNS, rows.attachment2, ['amount'])
  table(t.a3, ATTACHMENT3_COLUMNS, rows.attachment3, ['received', 'held'])
  return out.join('\n')
}

const ZH = {
  title: '止付协查材料', caseId: '案件编号', accounts: '涉案账户数', internal: '本行账户', copyTo: '抄送', victimForms: '受害人签署表格', note: '注意',
  unknownInstitution: '开户机构不明', a1: '附件1 电信、网络诈骗案件情况报告表', a2: '附件2 临时止付申请书', a3: '附件3 涉案账户信息报告表',
}
const EN = {
  title: 'Stop-payment request packet', caseId: 'Case id', accounts: 'Accounts', internal: 'held by the requesting institution', copyTo: 'Copy to',
  victimForms: 'Victim-signed forms', note: 'Note', unknownInstitution: 'opening institution unknown',
  a1: 'Attachment 1 — case report form', a2: 'Attachment 2 — temporary stop-payment request', a3: 'Attachment 3 — involved-account report',
}

/**
 * A table as CSV the way Chinese bank staff open it: UTF-8 with a byte-order mark, CRLF, a header
 * row in the chosen language, and (by default) formula-looking text cells neutralised with `'`.
 *
 * @example
 * csvTable([{ key: 'account', zh: '账号', en: 'account' }], [{ account: '6222…' }]) //=> '\uFEFF账号\r\n6222…\r\n'
 */
export function csvTable(columns: readonly ExportColumn[], rows: readonly Readonly<Record<string, string>>[], options: ExportOptions = {}): string {
  const escape = options.escapeFormulas ?? true
  return stringify(escape ? rows.map(defuse) : [...rows], {
    bom: true,
    header: true,
    record_delimiter: 'windows',
    columns: columns.map((c) => ({ key: c.key, header: c[options.language ?? 'zh'] })),
  })
}

function defuse(row: Readonly<Record<string, string>>): Row {
  const out: Row = {}
  for (const [k, v] of Object.entries(row)) out[k] = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v
  return out
}

function escapeMd(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r\n|\r|\n/g, ' ')
}
