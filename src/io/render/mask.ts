/**
 * Masking of personal data in reports: account numbers and names of holders and victims, the
 * same way everywhere, so every writer can offer a `mask` option (for reports shared beyond the
 * case team, e.g. with a victim or in training material).
 *
 * @module io/render/mask
 */
import type { EvidenceChain, Report, ReportAccount, ReportAction, ReportFlow, ReportQuery, ReportVictim } from '../../report/types.js'
import type { Warning } from '../../errors/index.js'

/** Chinese compound surnames (复姓): the surname is kept whole when the name is longer than it. */
const COMPOUND_SURNAMES = new Set([
  '欧阳', '上官', '司马', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '轩辕',
  '令狐', '端木', '西门', '南宫', '独孤', '申屠', '澹台', '公冶', '太史', '闻人', '呼延', '百里', '东郭', '钟离',
])

/**
 * Masks an account id. A numeric card/account number of 16 or more digits keeps its first and
 * last four digits with the middle starred in groups of four; any other id keeps a short prefix
 * and suffix (at most a quarter of it each, at most four characters) and stars the middle, so no
 * more than half of the characters — and never the whole id — is shown.
 *
 * @example
 * maskAccount('6222020200004321')        //=> '6222 **** **** 4321'
 * maskAccount('ALIPAY-2088102233445566') //=> 'ALIP***************5566'
 * maskAccount('M1')                      //=> 'M*'
 */
export function maskAccount(id: string): string {
  if (/^\d{16,}$/.test(id)) {
    const middle = id.length - 8
    const groups: string[] = []
    for (let left = middle; left > 0; left -= 4) groups.push('*'.repeat(Math.min(4, left)))
    return `${id.slice(0, 4)} ${groups.join(' ')} ${id.slice(-4)}`
  }
  const chars = Array.from(id)
  const n = chars.length
  if (n <= 1) return '*'
  if (n < 4) return `${chars[0]}${'*'.repeat(n - 1)}`
  const keep = Math.min(4, Math.floor(n / 4))
  return `${chars.slice(0, keep).join('')}${'*'.repeat(n - 2 * keep)}${chars.slice(n - keep).join('')}`
}

/**
 * Masks a personal or organisation name: the first character (or a Chinese compound surname
 * such as 欧阳 when the name is longer than it) and one star per remaining character.
 *
 * @example
 * maskName('张三')     //=> '张*'
 * maskName('欧阳娜娜') //=> '欧阳**'
 * maskName('王')       //=> '*'
 */
export function maskName(name: string): string {
  const chars = Array.from(name)
  const n = chars.length
  if (n === 0) return ''
  if (n === 1) return '*'
  const keep = n >= 3 && COMPOUND_SURNAMES.has(chars[0]! + chars[1]!) ? 2 : 1
  return `${chars.slice(0, keep).join('')}${'*'.repeat(n - keep)}`
}

/**
 * Masks a report: every account id (in accounts, actions, queries, flows, evidence chains and
 * keys, method comparisons), every holder and victim name, and their mentions in free text (reasons,
 * remarks, warning messages and paths) — the same id always becomes the same mask, and two
 * different ids never share one (a ` #2` suffix separates look-alikes). Long digit runs (12 or
 * more digits) left in free text are masked as account numbers too. Victim ids, transfer ids,
 * amounts, times and institutions are kept.
 *
 * @example
 * const shared = maskReport(toReport(trace(caseFile), { flows: true, evidence: true }))
 * shared.accounts[0].id //=> '6222 **** **** 4321'
 */
export function maskReport(report: Report): Report {
  const { id, name, text, idMask } = reportMasker(report)

  const victims: ReportVictim[] = report.victims.map((v) => (v.name === undefined ? v : { ...v, name: name(v.name) }))
  const accounts: ReportAccount[] = report.accounts.map((a) => ({
    ...a,
    id: id(a.id),
    ...(a.holder !== undefined ? { holder: name(a.holder) } : {}),
    ...(a.institution !== undefined ? { institution: text(a.institution) } : {}),
    ...(a.branch !== undefined ? { branch: text(a.branch) } : {}),
  }))
  const actions: ReportAction[] = report.actions.map((a) => ({
    ...a,
    account: id(a.account),
    ...(a.remark !== undefined ? { remark: text(a.remark) } : {}),
    reason: text(a.reason),
  }))
  const nextQueries: ReportQuery[] = report.nextQueries.map((q) => ({
    ...q,
    account: id(q.account),
    ...(q.institution !== undefined ? { institution: text(q.institution) } : {}),
    ...(q.branch !== undefined ? { branch: text(q.branch) } : {}),
    reason: text(q.reason),
  }))
  const warnings: Warning[] = report.warnings.map((w) => ({
    ...w,
    message: text(w.message),
    path: w.path.map((part) => (typeof part === 'string' ? (idMask.get(part) ?? text(part)) : part)),
  }))
  const out: Report = {
    ...report,
    victims,
    accounts,
    actions,
    nextQueries,
    warnings,
    ...(report.evidence !== undefined ? { evidence: maskEvidence(report.evidence, id) } : {}),
    ...(report.flows !== undefined ? { flows: report.flows.map((f): ReportFlow => ({ ...f, from: id(f.from), to: id(f.to) })) } : {}),
    ...(report.methods !== undefined ? { methods: { ...report.methods, accounts: report.methods.accounts.map((a) => ({ ...a, id: id(a.id) })) } } : {}),
  }
  return out
}

/** How a report's account ids, names and free text are masked (see {@link maskReport}). */
export interface ReportMasker {
  readonly id: (value: string) => string
  readonly name: (value: string) => string
  readonly text: (value: string) => string
  /** Every account id the report mentions in a structured field → its mask. */
  readonly idMask: ReadonlyMap<string, string>
}

/**
 * The maskers {@link maskReport} applies to `report`, for masking what goes with it (a link
 * report's per-case actions and cross-case rows) the same way.
 *
 * @example
 * reportMasker(report).id('6222020200004321') //=> '6222 **** **** 4321'
 */
export function reportMasker(report: Report): ReportMasker {
  const idMask = uniqueMasks(collectAccountIds(report))
  const names = new Map<string, string>()
  for (const a of report.accounts) if (a.holder !== undefined) names.set(a.holder, maskName(a.holder))
  for (const v of report.victims) if (v.name !== undefined) names.set(v.name, maskName(v.name))
  return {
    id: (value) => idMask.get(value) ?? maskAccount(value),
    name: (value) => names.get(value) ?? maskName(value),
    text: textMasker(idMask, names),
    idMask,
  }
}

function maskEvidence(evidence: Readonly<Record<string, readonly EvidenceChain[]>>, id: (value: string) => string): Record<string, EvidenceChain[]> {
  const out: Record<string, EvidenceChain[]> = Object.create(null)
  for (const [account, chains] of Object.entries(evidence)) {
    out[id(account)] = chains.map((c) => ({ ...c, steps: c.steps.map((s) => ({ ...s, from: id(s.from), to: id(s.to) })) }))
  }
  return out
}

/** Every account id a report mentions in a structured field, in code-unit order. */
function collectAccountIds(report: Report): string[] {
  const ids = new Set<string>()
  for (const a of report.accounts) ids.add(a.id)
  for (const a of report.actions) ids.add(a.account)
  for (const q of report.nextQueries) ids.add(q.account)
  for (const f of report.flows ?? []) { ids.add(f.from); ids.add(f.to) }
  for (const a of report.methods?.accounts ?? []) ids.add(a.id)
  for (const [account, chains] of Object.entries(report.evidence ?? {})) {
    ids.add(account)
    for (const c of chains) for (const s of c.steps) { ids.add(s.from); ids.add(s.to) }
  }
  return [...ids].sort()
}

/** Masks of ids, made unique: look-alikes after the first get ` #2`, ` #3` … in id order. */
function uniqueMasks(ids: readonly string[]): Map<string, string> {
  const out = new Map<string, string>()
  const used = new Set<string>()
  for (const id of ids) {
    const base = maskAccount(id)
    let masked = base
    for (let k = 2; used.has(masked); k++) masked = `${base} #${k}`
    used.add(masked)
    out.set(id, masked)
  }
  return out
}

const ALNUM = /[A-Za-z0-9]/

/**
 * A function replacing every known id and name in free text, longest first, then any run of 12+
 * digits. Ids shorter than 8 characters only match where they are not glued to other letters or
 * digits (so `M1` does not eat `M10`); names of one character are left to their own fields.
 */
function textMasker(ids: ReadonlyMap<string, string>, names: ReadonlyMap<string, string>): (text: string) => string {
  const secrets = new Map<string, string>()
  for (const [name, masked] of names) if (Array.from(name).length >= 2) secrets.set(name, masked)
  for (const [id, masked] of ids) if (id.length > 0) secrets.set(id, masked)
  const keys = [...secrets.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0))
  const pattern = keys.length === 0 ? null : new RegExp(keys.map(escapeRegExp).join('|'), 'gu')
  return (text) => {
    let out = text
    if (pattern !== null) {
      out = out.replace(pattern, (match: string, offset: number, whole: string) => {
        if (match.length < 8 && ids.has(match) && !names.has(match)) {
          const before = whole[offset - 1]
          const after = whole[offset + match.length]
          if ((ALNUM.test(match[0]!) && before !== undefined && ALNUM.test(before)) ||
            (ALNUM.test(match[match.length - 1]!) && after !== undefined && ALNUM.test(after))) return match
        }
        return secrets.get(match) ?? match
      })
    }
    return out.replace(/\d{12,}/g, (run) => maskAccount(run))
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
