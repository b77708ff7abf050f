/**
 * Routing packets: what goes to each opening branch (DESIGN.md §1 steps 3 and 5).
 *
 * @module plan/routing
 */
import type { Case, CaseType, HolderType } from '../case/types.js'
import { formatTime } from '../case/time.js'
import { transfersById } from '../case/columns.js'
import type { ActionKind, Hold, Report, ReportAccount, Severity } from '../report/types.js'
import { compareCodePoints } from './_lib/order.js'
import { digitsOf, fmt, toMinor } from './_lib/money.js'
import { sameInstitution } from './_lib/accounts.js'
import { DEFAULT_POLICY, type Policy } from './policy.js'
import { assertInScope, caseSeverity, victimSeverities } from './scope.js'

/**
 * Case facts a report does not carry, needed on the forms.
 *
 * @example
 * routingPackets(report, { reportedAt: '2026-03-14T16:10:00+08:00', victims: { V1: { name: '王芳', times: ['2026-03-14T10:02:11+08:00'] } }, requester: { institution: 'BOC' } })
 */
export interface CaseMeta {
  /** When the victim reported the loss (ISO 8601). */
  readonly reportedAt?: string
  /** Per victim id: name, holder type and the times of the fraudulent transfers. */
  readonly victims?: Readonly<Record<string, CaseMetaVictim>>
  /** The responding (sending) institution and branch; its own accounts make `internal` packets. */
  readonly requester?: { readonly institution: string; readonly branch?: string }
}

/**
 * One victim's facts for Attachment 1.
 *
 * @example
 * const v: CaseMetaVictim = { name: '王芳', holderType: 'individual', times: ['2026-03-14T10:02:11+08:00'] }
 */
export interface CaseMetaVictim {
  readonly name?: string
  readonly holderType?: HolderType
  /** Times of the fraudulent transfers (ISO 8601), in time order. */
  readonly times?: readonly string[]
}

/**
 * Attachment 1 — case report form (电信、网络诈骗案件情况报告表).
 *
 * @example
 * routingPackets(report, meta)[0]!.attachment1.victims.map((v) => v.name) //=> ['王芳']
 */
export interface CaseReportForm {
  readonly caseId: string
  readonly caseType: CaseType
  readonly reportedAt?: string
  readonly currency: string
  /** Band of the whole case ({@link caseSeverity}). */
  readonly severity: Severity
  /** The victims whose money reached the packet's accounts, in victim-id order. */
  readonly victims: readonly CaseReportVictim[]
}

/**
 * A victim row of Attachment 1.
 *
 * @example
 * routingPackets(report, meta)[0]!.attachment1.victims[0] //=> { id: 'V1', name: '王芳', times: […], loss: '50000.00', severity: 'huge' }
 */
export interface CaseReportVictim {
  readonly id: string
  readonly name?: string
  readonly times: readonly string[]
  readonly loss: string
  readonly severity: Severity
}

/**
 * A row of Attachment 2 — temporary stop-payment request (临时止付申请书).
 *
 * @example
 * routingPackets(report, meta)[0]!.attachment2[0] //=> { account: '6222…', holder: '李四', amount: '12000.00', hold: 'long_term', remark: STOP_REMARK }
 */
export interface StopRequestRow {
  readonly account: string
  readonly holder?: string
  /** Amount of the stop: the action's amount (decimal string). */
  readonly amount: string
  readonly hold: Hold
  readonly remark: string
}

/**
 * A row of Attachment 3 — involved-account report (涉案账户信息报告表).
 *
 * @example
 * routingPackets(report, meta)[0]!.attachment3[0]!.actions //=> [{ kind: 'stop_payment', hold: 'long_term' }]
 */
export interface AccountReportRow {
  readonly account: string
  readonly holder?: string
  readonly institution?: string
  readonly branch?: string
  readonly level: number
  /** Victim money received, all victims together. */
  readonly received: string
  /** Victim money held at the report's `asOf`, all victims together. */
  readonly held: string
  /** The actions ranked for the account, in rank order (empty: listed only). */
  readonly actions: readonly { readonly kind: ActionKind; readonly hold?: Hold }[]
}

/**
 * Everything to send to one opening branch.
 *
 * @example
 * for (const p of routingPackets(report, meta)) send(p.institution, p.branch, packetCsv(p))
 */
export interface RoutingPacket {
  /** Opening institution; `null` when unknown (all such accounts form one packet). */
  readonly institution: string | null
  /** Opening branch; `null` when unknown. */
  readonly branch: string | null
  /** The accounts sit at the requester's own institution (handled internally). */
  readonly internal: boolean
  /** Account ids in the packet, in report order (level, then id). */
  readonly accounts: readonly string[]
  /** Departments of the sending bank that receive a copy. */
  readonly copyTo: readonly string[]
  /** The victim-signed forms of this case type: Attachments 1 and 2 (telecom) or 4 and 5 (online-banking theft). */
  readonly victimForms: readonly string[]
  readonly attachment1: CaseReportForm
  readonly attachment2: readonly StopRequestRow[]
  readonly attachment3: readonly AccountReportRow[]
  /** Plain-language notes for the sender (unknown institution or branch). */
  readonly notes: readonly string[]
}

/**
 * Options of {@link routingPackets}.
 *
 * @example
 * routingPackets(report, meta, { policy: resolvePolicy({ stoppableKinds: ['bank', 'external'] }) })
 */
export interface RoutingOptions {
  /** Policy: `stoppableKinds` decide which accounts are routed (default {@link DEFAULT_POLICY}: bank accounts). */
  readonly policy?: Policy
}

/**
 * Departments copied on every packet (DESIGN.md §1 step 5).
 *
 * @example
 * COPY_TO[0] //=> 'security department (保卫部)'
 */
export const COPY_TO: readonly string[] = Object.freeze(['security department (保卫部)', 'retail banking department (零售/个人金融部)'])

/**
 * Extracts the {@link CaseMeta} of a parsed case: reporting time, victims' names, holder types
 * and the times of their fraudulent transfers, all written in the case's timezone.
 *
 * @example
 * caseMetaFromCase(parsedCase, { institution: 'BOC', branch: '济南分行营业部' }).victims?.V1?.times
 * //=> ['2026-03-14T10:02:11+08:00']
 */
export function caseMetaFromCase(c: Case, requester?: { readonly institution: string; readonly branch?: string }): CaseMeta {
  const byId = transfersById(c, c.victims.flatMap((v) => v.transfers))
  const victims: Record<string, CaseMetaVictim> = {}
  for (const v of c.victims) {
    const times = v.transfers.map((id) => byId.get(id)?.time).filter((t): t is number => t !== undefined).sort((a, b) => a - b)
    victims[v.id] = {
      ...(v.name !== undefined ? { name: v.name } : {}),
      holderType: v.holderType,
      times: times.map((t) => formatTime(t, c.timezone)),
    }
  }
  return {
    ...(c.reportedAt !== undefined ? { reportedAt: formatTime(c.reportedAt, c.timezone) } : {}),
    victims,
    ...(requester ? { requester } : {}),
  }
}

/**
 * Groups the report's routable involved accounts (the policy's `stoppableKinds`; payment platforms
 * go through {@link escalations}, cash and external sinks cannot be routed) by opening institution
 * and branch, and builds for each group the data of Attachment 1 (case report form), Attachment 2
 * (temporary stop-payment request: one row per account with a `stop_payment` action) and the
 * Attachment 3 rows (involved-account report). Accounts of unknown institution form one packet.
 * Packets are ordered by institution then branch in code-point order, unknown last.
 *
 * Attachment 1 lists only the victims whose money reached the packet's accounts: a branch learns
 * what it needs to act, not the whole case.
 *
 * @example
 * const packets = routingPackets(report, { reportedAt: '2026-03-14T16:10:00+08:00', victims: { V1: { name: '王芳' } } })
 * packets.map((p) => [p.institution, p.branch, p.accounts.length])
 * //=> [['ICBC', '历下支行', 1], [null, null, 2]]
 */
export function routingPackets(report: Report, caseMeta: CaseMeta = {}, options: RoutingOptions = {}): RoutingPacket[] {
  const caseType = report.caseType
  assertInScope(caseType)
  const policy = options.policy ?? DEFAULT_POLICY
  const digits = digitsOf(report.currency)
  const holds = policy.holds[caseType]
  const holderTypes: Record<string, HolderType> = {}
  for (const [id, v] of Object.entries(caseMeta.victims ?? {})) if (v.holderType) holderTypes[id] = v.holderType
  const severities = victimSeverities(report, { policy, holderTypes })
  const severity = caseSeverity(report, { policy, holderTypes })

  const actionsByAccount = new Map<string, Report['actions'][number][]>()
  for (const a of [...report.actions].sort((x, y) => x.rank - y.rank)) {
    const list = actionsByAccount.get(a.account) ?? []
    list.push(a)
    actionsByAccount.set(a.account, list)
  }

  const position = new Map(report.accounts.map((a, i) => [a.id, i]))
  const groups = new Map<string, { institution: string | null; branch: string | null; accounts: ReportAccount[] }>()
  for (const account of report.accounts) {
    if (!policy.stoppableKinds.includes(account.kind)) continue
    const institution = blank(account.institution) ? null : account.institution!.trim()
    const branch = institution === null || blank(account.branch) ? null : account.branch!.trim()
    const key = JSON.stringify([institution, branch])
    const group = groups.get(key) ?? { institution, branch, accounts: [] }
    group.accounts.push(account)
    groups.set(key, group)
  }

  const ordered = [...groups.values()].sort((a, b) => nullableCompare(a.institution, b.institution) || nullableCompare(a.branch, b.branch))
  return ordered.map((group) => {
    const victimIds = new Set<string>()
    for (const a of group.accounts) {
      const index = position.get(a.id)!
      for (const [v, amount] of Object.entries(a.received)) if (toMinor(amount, digits, ['accounts', index, 'received', v]) > 0n) victimIds.add(v)
    }
    const attachment1: CaseReportForm = {
      caseId: report.caseId,
      caseType: report.caseType,
      ...(caseMeta.reportedAt !== undefined ? { reportedAt: caseMeta.reportedAt } : {}),
      currency: report.currency,
      severity,
      victims: report.victims
        .filter((v) => victimIds.has(v.id))
        .sort((a, b) => compareCodePoints(a.id, b.id))
        .map((v) => {
          const meta = caseMeta.victims?.[v.id]
          const name = meta?.name ?? v.name
          return { id: v.id, ...(name !== undefined ? { name } : {}), times: [...(meta?.times ?? [])], loss: v.loss, severity: severities[v.id]! }
        }),
    }
    const attachment2: StopRequestRow[] = []
    const attachment3: AccountReportRow[] = []
    group.accounts.forEach((a) => {
      const actions = actionsByAccount.get(a.id) ?? []
      for (const action of actions) {
        if (action.kind !== 'stop_payment') continue
        attachment2.push({
          account: a.id,
          ...(a.holder !== undefined ? { holder: a.holder } : {}),
          amount: action.amount,
          hold: action.hold ?? (action.funded ? holds.funded : holds.unfunded),
          remark: action.remark ?? policy.remark,
        })
      }
      const index = position.get(a.id)!
      attachment3.push({
        account: a.id,
        ...(a.holder !== undefined ? { holder: a.holder } : {}),
        ...(a.institution !== undefined ? { institution: a.institution } : {}),
        ...(a.branch !== undefined ? { branch: a.branch } : {}),
        level: a.level,
        received: fmt(sum(a.received, digits, ['accounts', index, 'received']), digits),
        held: fmt(toMinor(a.heldTotal, digits, ['accounts', index, 'heldTotal']), digits),
        actions: actions.map((x) => ({ kind: x.kind, ...(x.hold !== undefined ? { hold: x.hold } : {}) })),
      })
    })
    const notes: string[] = []
    if (group.institution === null) {
      notes.push('opening institution unknown: query it (e.g. through the police anti-fraud platform) before sending; then re-route by branch')
    } else if (group.branch === null) {
      notes.push(`opening branch at ${group.institution} unknown: send to the institution's head office or anti-fraud contact, asking it to forward to the opening branch`)
    }
    return {
      institution: group.institution,
      branch: group.branch,
      internal: group.institution !== null && caseMeta.requester !== undefined && sameInstitution(group.institution, caseMeta.requester.institution),
      accounts: group.accounts.map((a) => a.id),
      copyTo: COPY_TO,
      victimForms: report.caseType === 'online_banking_theft' ? ['attachment_4', 'attachment_5'] : ['attachment_1', 'attachment_2'],
      attachment1,
      attachment2,
      attachment3,
      notes,
    }
  })
}

function blank(text: string | undefined): boolean {
  return text === undefined || text.trim() === ''
}

function nullableCompare(a: string | null, b: string | null): number {
  if (a === b) return 0
  if (a === null) return 1
  if (b === null) return -1
  return compareCodePoints(a, b)
}

function sum(record: Readonly<Record<string, string>>, digits: number, path: (string | number)[]): bigint {
  let total = 0n
  for (const [k, v] of Object.entries(record)) total += toMinor(v, digits, [...path, k])
  return total
}
