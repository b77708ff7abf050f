/**
 * Escalations: money moved to a third-party payment platform or spent through a POS merchant
 * is recovered by the provincial anti-fraud centre (DESIGN.md §1 step 6). Asynchronous: the
 * centre's duty officer reports the result back, recorded with {@link recordEscalationResult}.
 *
 * @module plan/escalations
 */
import type { AccountKind } from '../case/types.js'
import { parseTime } from '../case/time.js'
import { FundtraceError } from '../errors/index.js'
import type { Report } from '../report/types.js'
import { accountIndex } from './_lib/accounts.js'
import { DEFAULT_POLICY, type Policy } from './policy.js'
import { assertInScope } from './scope.js'

/**
 * Where an escalation stands.
 *
 * @example
 * escalations(report)[0]!.status //=> 'pending'
 */
export type EscalationStatus = 'pending' | 'submitted' | 'resolved' | 'failed'

/**
 * A legal document to upload to the anti-fraud centre.
 *
 * @example
 * ESCALATION_DOCUMENTS[0]!.code //=> 'case_report_form'
 */
export interface EscalationDocument {
  readonly code: string
  readonly zh: string
  readonly en: string
}

/**
 * The legal documents uploaded with every escalation (override with `documents`).
 *
 * @example
 * ESCALATION_DOCUMENTS.map((d) => d.code) //=> ['case_report_form', 'stop_payment_request', 'police_case_receipt', 'victim_id', 'fund_flow_evidence']
 */
export const ESCALATION_DOCUMENTS: readonly EscalationDocument[] = Object.freeze([
  { code: 'case_report_form', zh: '电信、网络诈骗案件情况报告表(附件1)', en: 'case report form (Attachment 1)' },
  { code: 'stop_payment_request', zh: '临时止付申请书(附件2,受害人签字)', en: 'temporary stop-payment request (Attachment 2, signed by the victim)' },
  { code: 'police_case_receipt', zh: '公安机关受案回执或立案决定书', en: "police case-acceptance receipt or case-filing decision" },
  { code: 'victim_id', zh: '受害人身份证件复印件', en: "copy of the victim's identity document" },
  { code: 'fund_flow_evidence', zh: '资金流向证明(交易明细、流水号)', en: 'fund-flow evidence (statements and transaction serial numbers into the platform account)' },
])

/**
 * Who is notified, and how.
 *
 * @example
 * escalations(report, { notify: { organisation: '山东省反诈中心', role: '值班民警', how: 'phone 0531-…' } })
 */
export interface EscalationNotify {
  readonly organisation: string
  readonly role: string
  readonly how: string
}

/**
 * Default notification: phone the provincial anti-fraud centre's duty officer.
 *
 * @example
 * ESCALATION_NOTIFY.role //=> 'duty officer (值班民警)'
 */
export const ESCALATION_NOTIFY: EscalationNotify = Object.freeze({
  organisation: 'provincial anti-fraud centre (省反诈中心)',
  role: 'duty officer (值班民警)',
  how: 'phone after uploading the documents',
})

/**
 * One status change, as reported back.
 *
 * @example
 * recordEscalationResult(item, { status: 'failed', at: '2026-03-14T18:00:00+08:00', note: 'funds already withdrawn' })
 */
export interface EscalationEvent {
  readonly status: Exclude<EscalationStatus, 'pending'>
  /** ISO 8601 time of the change (with offset or `Z`). */
  readonly at: string
  readonly note?: string
  /** The centre's or platform's reference. */
  readonly reference?: string
  /** For `resolved`: the amount the platform froze (decimal string), if reported. */
  readonly frozenAmount?: string
}

/**
 * One escalation to the anti-fraud centre.
 *
 * @example
 * escalations(report).map((e) => e.id) //=> ['esc:JN-2026-0314-017:2088000012345678']
 */
export interface EscalationItem {
  /** `esc:<caseId>:<account>`. */
  readonly id: string
  readonly caseId: string
  readonly account: string
  readonly accountKind: AccountKind
  /** The platform or merchant's institution (e.g. `Alipay`), when known. */
  readonly platform?: string
  readonly holder?: string
  /** Rank of the action escalated (the best-ranked one on the account). */
  readonly rank: number
  /** Catchable amount of the action. */
  readonly amount: string
  /** Victim money held there, keyed by victim id. */
  readonly held: Readonly<Record<string, string>>
  readonly documents: readonly EscalationDocument[]
  readonly notify: EscalationNotify
  readonly status: EscalationStatus
  /** Every reported change, oldest first; never shortened. */
  readonly history: readonly EscalationEvent[]
}

/**
 * Options of {@link escalations}.
 *
 * @example
 * escalations(report, { documents: [...ESCALATION_DOCUMENTS, { code: 'freeze_notice', zh: '协助冻结财产通知书', en: 'freezing notice' }] })
 */
export interface EscalationOptions {
  /** Policy whose `escalateKinds` decide which accounts are escalated (default {@link DEFAULT_POLICY}). */
  readonly policy?: Policy
  /** Documents to upload (default {@link ESCALATION_DOCUMENTS}). */
  readonly documents?: readonly EscalationDocument[]
  /** Who to notify (default {@link ESCALATION_NOTIFY}). */
  readonly notify?: EscalationNotify
}

/**
 * One pending escalation per payment-platform or POS-merchant account that has an action
 * (`escalate_platform`, or any action on an account of the policy's `escalateKinds`), in rank
 * order, each with the legal documents to upload and the duty officer to notify.
 *
 * @example
 * escalations(report).map((e) => [e.account, e.status, e.amount])
 * //=> [['2088000012345678', 'pending', '8000.00']]
 */
export function escalations(report: Report, options: EscalationOptions = {}): EscalationItem[] {
  assertInScope(report.caseType)
  const policy = options.policy ?? DEFAULT_POLICY
  const accounts = accountIndex(report)
  const seen = new Set<string>()
  const items: EscalationItem[] = []
  for (const action of [...report.actions].sort((a, b) => a.rank - b.rank)) {
    const account = accounts.get(action.account)
    const escalated = action.kind === 'escalate_platform' || (account !== undefined && policy.escalateKinds.includes(account.kind))
    if (!escalated || seen.has(action.account)) continue
    seen.add(action.account)
    items.push(Object.freeze({
      id: `esc:${report.caseId}:${action.account}`,
      caseId: report.caseId,
      account: action.account,
      accountKind: account?.kind ?? 'payment_platform',
      ...(account?.institution !== undefined ? { platform: account.institution } : {}),
      ...(account?.holder !== undefined ? { holder: account.holder } : {}),
      rank: action.rank,
      amount: action.amount,
      held: account?.held ?? {},
      documents: options.documents ?? ESCALATION_DOCUMENTS,
      notify: options.notify ?? ESCALATION_NOTIFY,
      status: 'pending',
      history: Object.freeze([]),
    }))
  }
  return items
}

const NEXT: Readonly<Record<EscalationStatus, readonly EscalationStatus[]>> = {
  pending: ['submitted', 'failed'],
  submitted: ['resolved', 'failed'],
  failed: ['submitted'],
  resolved: [],
}

/**
 * Records a status change reported for an escalation and returns the updated item; the input is
 * not changed. Allowed: pending → submitted | failed; submitted → resolved | failed;
 * failed → submitted (a retry); resolved is final. The time must be ISO 8601 with an offset and
 * not earlier than the last recorded change. Anything else throws a {@link FundtraceError} with
 * code `invalid_option`.
 *
 * @example
 * const sent = recordEscalationResult(item, { status: 'submitted', at: '2026-03-14T17:05:00+08:00' })
 * const done = recordEscalationResult(sent, { status: 'resolved', at: '2026-03-14T19:40:00+08:00', frozenAmount: '8000.00' })
 * done.status //=> 'resolved'; done.history.length //=> 2; item.status //=> 'pending'
 */
export function recordEscalationResult(item: EscalationItem, result: EscalationEvent): EscalationItem {
  const problems: string[] = []
  const path: string[] = []
  if (!NEXT[item.status].includes(result.status)) {
    problems.push(`escalation ${item.id} is ${item.status}; it cannot become ${String(result.status)} (allowed: ${NEXT[item.status].join(', ') || 'none, it is final'})`)
    path.push('status')
  }
  const at = typeof result.at === 'string' && /(Z|[+-]\d{2}:\d{2})$/.test(result.at) ? parseTime(result.at, 'UTC') : undefined
  if (!at || !at.ok) {
    problems.push(`time ${JSON.stringify(result.at)} is not ISO 8601 with an offset or Z`)
    path.push('at')
  } else {
    const last = item.history.at(-1)
    const lastAt = last ? parseTime(last.at, 'UTC') : undefined
    if (lastAt?.ok && at.value < lastAt.value) {
      problems.push(`time ${result.at} is before the last recorded change (${last!.at})`)
      path.push('at')
    }
  }
  if (result.frozenAmount !== undefined && !(typeof result.frozenAmount === 'string' && /^[0-9]+(\.[0-9]+)?$/.test(result.frozenAmount))) {
    problems.push(`frozenAmount ${JSON.stringify(result.frozenAmount)} is not a decimal string`)
    path.push('frozenAmount')
  }
  if (problems.length > 0) {
    throw new FundtraceError(problems.map((message, i) => ({ code: 'invalid_option' as const, message: `fundtrace/plan: ${message}`, path: [path[i]!] })))
  }
  const event: EscalationEvent = Object.freeze({
    status: result.status,
    at: result.at,
    ...(result.note !== undefined ? { note: result.note } : {}),
    ...(result.reference !== undefined ? { reference: result.reference } : {}),
    ...(result.frozenAmount !== undefined ? { frozenAmount: result.frozenAmount } : {}),
  })
  return Object.freeze({ ...item, status: result.status, history: Object.freeze([...item.history, event]) })
}
