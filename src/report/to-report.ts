import { currencyDigits, formatAmount } from '../case/money.js'
import { formatTime } from '../case/time.js'
import { rankActions, type Action } from '../plan/actions.js'
import { DEFAULT_POLICY, severityOf, type Policy } from '../plan/policy.js'
import { nextQueries } from '../plan/queries.js'
import { explain, type TraceResult } from '../trace/index.js'
import { REPORT_FORMAT, type EvidenceChain, type Report, type ReportAccount, type ReportAction, type ReportFlow } from './types.js'

/** Options of {@link toReport}. */
export interface ReportOptions {
  readonly policy?: Policy
  /** Include the evidence chains of every account holding victim money. */
  readonly evidence?: boolean
  /** Include every transfer that carried victim money (needed by the diagrams). */
  readonly flows?: boolean
}

/**
 * The `fundtrace/report@1` of a trace: decimal-string amounts, ISO times in the case timezone,
 * maps keyed by id, arrays in a defined order. Same case, method and options → same bytes.
 *
 * @example
 * JSON.stringify(toReport(trace(caseFile, { method: 'fifo' })), null, 2)
 */
export function toReport(result: TraceResult, options: ReportOptions = {}): Report {
  const policy = options.policy ?? DEFAULT_POLICY
  const source = result.case
  const digits = currencyDigits(source.currency) ?? 2
  const amount = (minor: bigint) => formatAmount(minor, digits)
  const time = (ms: number) => formatTime(ms, source.timezone)
  const actions = rankActions(result, policy)

  const accounts: ReportAccount[] = result.accounts.map((a) => ({
    id: a.id,
    level: a.level,
    levels: record(a.levels, (level) => level),
    kind: a.kind,
    ...(a.meta?.institution !== undefined ? { institution: a.meta.institution } : {}),
    ...(a.meta?.branch !== undefined ? { branch: a.meta.branch } : {}),
    ...(a.meta?.holder !== undefined ? { holder: a.meta.holder } : {}),
    received: record(a.received, amount),
    held: record(a.held, amount),
    heldTotal: amount(a.heldTotal),
    pendingTotal: amount(a.pendingTotal),
    pending: a.pendingTotal > 0n,
    firstArrival: time(a.firstArrival),
    lastArrival: time(a.lastArrival),
    ...(a.meta?.statementThrough !== undefined ? { statementThrough: time(a.meta.statementThrough) } : {}),
  }))

  const report: Report = {
    format: REPORT_FORMAT,
    caseId: source.caseId,
    caseType: source.caseType,
    currency: source.currency,
    method: result.method,
    options: { maxLevel: result.maxLevel, asOf: result.asOf === null ? null : time(result.asOf) },
    victims: result.victims.map((v) => ({
      id: v.id,
      ...(v.name !== undefined ? { name: v.name } : {}),
      loss: amount(v.loss),
      held: amount(v.held),
      exited: amount(v.exited),
      returned: amount(v.returned),
      beyond: amount(v.beyond),
      severity: severityOf(v.loss, v.holderType, policy, digits),
    })),
    accounts,
    actions: actions.map((a) => reportAction(a, amount)),
    nextQueries: nextQueries(result).map((q) => ({
      account: q.account,
      ...(q.institution !== undefined ? { institution: q.institution } : {}),
      ...(q.branch !== undefined ? { branch: q.branch } : {}),
      from: time(q.from),
      to: time(q.to),
      reason: q.reason,
    })),
    warnings: result.warnings,
    ...(options.evidence ? { evidence: evidenceOf(result, amount, time) } : {}),
    ...(options.flows ? { flows: flowsOf(result, amount, time) } : {}),
  }
  return report
}

function evidenceOf(result: TraceResult, amount: (m: bigint) => string, time: (ms: number) => string): Record<string, EvidenceChain[]> {
  const out: Record<string, EvidenceChain[]> = Object.create(null)
  for (const account of result.accounts) {
    if (account.heldTotal === 0n) continue
    out[account.id] = explain(result, account.id).map((chain) => ({
      victim: chain.victim,
      amount: amount(chain.amount),
      pending: chain.pending,
      steps: chain.steps.map((s) => ({ transfer: s.transfer.id, from: s.transfer.from, to: s.transfer.to, time: time(s.transfer.time), amount: amount(s.amount) })),
    }))
  }
  return out
}

function flowsOf(result: TraceResult, amount: (m: bigint) => string, time: (ms: number) => string): ReportFlow[] {
  return result.flows.map((f) => ({
    transfer: f.transfer.id,
    from: f.transfer.from,
    to: f.transfer.to,
    time: time(f.transfer.time),
    pending: f.transfer.status === 'pending',
    carried: record(f.carried, amount),
  }))
}

/**
 * An action as it appears in the report: amounts as decimal strings, absent fields left out.
 *
 * @example
 * reportAction(rankActions(result)[0], (m) => formatAmount(m, 2)).amount //=> '46520.00'
 */
export function reportAction(a: Action, amount: (minor: bigint) => string): ReportAction {
  return {
    rank: a.rank,
    kind: a.kind,
    account: a.account,
    ...(a.hold !== undefined ? { hold: a.hold } : {}),
    amount: amount(a.amount),
    level: a.level,
    funded: a.funded,
    ...(a.transfer !== undefined ? { transfer: a.transfer } : {}),
    ...(a.remark !== undefined ? { remark: a.remark } : {}),
    reason: a.reason,
  }
}

/** A null-prototype record in the map's (id) order, so hostile ids such as `__proto__` stay data. */
function record<T, U>(map: ReadonlyMap<string, T>, convert: (value: T) => U): Record<string, U> {
  const out: Record<string, U> = Object.create(null)
  for (const [key, value] of map) out[key] = convert(value)
  return out
}
