import type { Account, Case, Transfer } from '../case/types.js'
import { FundtraceError } from '../errors/index.js'
import { compareCodePoints } from '../ledger/index.js'
import { DEFAULT_POLICY, type Policy } from '../plan/policy.js'
import { toReport } from '../report/index.js'
import type { Hold, Method, Report, ReportAction, ReportQuery } from '../report/types.js'
import { createTracer, extendTracer, type Tracer } from '../trace/incremental.js'
import type { TraceResult } from '../trace/types.js'

/** Options of an investigation: how to trace and which playbook to apply. */
export interface InvestigationOptions {
  readonly method?: Method
  readonly maxLevel?: number | null
  readonly policy?: Policy
}

/** An investigation at one step: the case as known so far and its report. Immutable. */
export interface Investigation {
  readonly case: Case
  readonly options: InvestigationOptions
  readonly report: Report
  /** Statements imported so far: account and the time they cover up to (epoch ms). */
  readonly statements: readonly { readonly account: string; readonly through: number; readonly rows: number; readonly added: number }[]
}

/** What one step changed: what to do now that was not asked before. */
export interface StepChanges {
  /** Actions that were not there before — a funded level-1 stop appears in the very first step. */
  readonly newActions: readonly ReportAction[]
  /** Stops whose hold changes (5 days → long-term when money is found there, or back). */
  readonly holdChanges: readonly { readonly account: string; readonly from: Hold; readonly to: Hold; readonly action: ReportAction }[]
  /** Actions still in force whose amount changed (a stop drops when a statement shows money moved on). */
  readonly amountChanges: readonly { readonly account: string; readonly kind: ReportAction['kind']; readonly from: string; readonly to: string; readonly action: ReportAction }[]
  /** Earlier actions no longer supported: cancel them at once (立即取消止付) and record why. */
  readonly cancel: readonly { readonly action: ReportAction; readonly reason: string }[]
  /** Statements to pull that were not asked for before. */
  readonly newQueries: readonly ReportQuery[]
}

export interface InvestigationStep {
  readonly investigation: Investigation
  readonly changes: StepChanges
}

/**
 * Starts an investigation from a case that may hold only the victims' own transfers: the first
 * step's actions already include the stops on funded level-1 accounts, before anything else is known.
 *
 * @example
 * const { investigation, changes } = startInvestigation(caseFile, { method: 'fifo' })
 * changes.newActions // stop the level-1 accounts now
 * investigation.report.nextQueries // then pull these statements
 */
export function startInvestigation(caseFile: Case, options: InvestigationOptions = {}): InvestigationStep {
  const tracer = createTracer(caseFile, { method: options.method ?? 'fifo', maxLevel: options.maxLevel ?? null })
  const report = reportOf(tracer.result, options)
  const investigation: Investigation = { case: caseFile, options, report, statements: [] }
  keep(investigation, tracer)
  return { investigation, changes: diffReports(undefined, report) }
}

/**
 * Each investigation step keeps, in a non-enumerable `tracer` field, the incremental tracer of
 * its case (see `createTracer`), so the next statement re-sweeps only from before its earliest
 * transfer; and, while it is the latest step of its line, the index of known transfers used to
 * drop rows already known.
 */
interface Hidden {
  readonly tracer?: Tracer
  readonly known?: KnownIndex
}

/** Ids, serials and contents of the known transfers; handed on to the next step (one owner at a time). */
interface KnownIndex {
  owner: Investigation
  readonly ids: Set<string>
  readonly serials: Set<string>
  readonly contents: Set<string>
}

function keep(investigation: Investigation, tracer: Tracer, known?: KnownIndex): void {
  Object.defineProperty(investigation, 'tracer', { value: tracer, enumerable: false })
  if (known !== undefined) {
    known.owner = investigation
    Object.defineProperty(investigation, 'known', { value: known, enumerable: false })
  }
}

/**
 * The incremental tracer of an investigation step (made on demand for a step built by hand).
 *
 * @example
 * tracerOf(step.investigation).stats.resweptTransfers
 */
export function tracerOf(investigation: Investigation): Tracer {
  const hidden = investigation as Investigation & Hidden
  if (hidden.tracer !== undefined && hidden.tracer.case === investigation.case) return hidden.tracer
  const options = investigation.options
  return createTracer(investigation.case, { method: options.method ?? 'fifo', maxLevel: options.maxLevel ?? null })
}

function knownIndex(investigation: Investigation): KnownIndex {
  const hidden = investigation as Investigation & Hidden
  if (hidden.known !== undefined && hidden.known.owner === investigation) return hidden.known
  const known = investigation.case.transfers
  return {
    owner: investigation,
    ids: new Set(known.map((t) => t.id)),
    serials: new Set(known.flatMap((t) => (t.serial === undefined ? [] : [t.serial]))),
    contents: new Set(known.map(contentKey)),
  }
}

/** Options of {@link addStatement}. */
export interface AddStatementOptions {
  /** Epoch ms up to which the statement lists the account's transfers completely. */
  readonly through: number
  /** Metadata to record for accounts the statement names (holder, institution…), by account id. */
  readonly accounts?: readonly Account[]
}

/**
 * Adds one account's statement (its transfers, in and out) and re-traces incrementally (only from
 * before the statement's earliest new transfer, see `extendTracer`). A transfer already known
 * — same id, same serial, or same from/to/amount/time — is not added twice. Returns the new state
 * and what changed: new actions, holds to change, actions to cancel, new queries.
 *
 * @example
 * const next = addStatement(investigation, '6222020200004321', rows, { through: Date.parse('2026-03-14T18:00:00+08:00') })
 * next.changes.cancel // stops the statement proved wrong
 */
export function addStatement(investigation: Investigation, account: string, rows: readonly Transfer[], options: AddStatementOptions): InvestigationStep {
  if (!Number.isFinite(options.through)) {
    throw new FundtraceError([{ code: 'invalid_option', message: 'through must be epoch milliseconds', path: ['through'] }])
  }
  const foreign = rows.filter((t) => t.from !== account && t.to !== account)
  if (foreign.length > 0) {
    throw new FundtraceError(foreign.map((t) => ({ code: 'invalid_option' as const, message: `row ${t.id} neither leaves nor enters ${account}; a statement lists one account's transfers`, path: ['rows', t.id] })))
  }
  const known = investigation.case.transfers
  const index = knownIndex(investigation)
  const { ids, serials, contents } = index
  const added: Transfer[] = []
  for (const row of rows) {
    if (ids.has(row.id) || (row.serial !== undefined && serials.has(row.serial)) || contents.has(contentKey(row))) continue
    added.push(row)
    ids.add(row.id)
    if (row.serial !== undefined) serials.add(row.serial)
    contents.add(contentKey(row))
  }
  const caseFile: Case = {
    ...investigation.case,
    accounts: withStatement(investigation.case.accounts, account, options.through, options.accounts ?? []),
    transfers: [...known, ...added],
  }
  const tracer = extendTracer(tracerOf(investigation), { transfers: added, case: caseFile })
  const report = reportOf(tracer.result, investigation.options)
  const next: Investigation = {
    case: caseFile,
    options: investigation.options,
    report,
    statements: [...investigation.statements, { account, through: options.through, rows: rows.length, added: added.length }],
  }
  keep(next, tracer, index)
  return { investigation: next, changes: diffReports(investigation.report, report) }
}

/**
 * The statements to pull next, most money first.
 *
 * @example
 * pendingQueries(investigation)[0].account
 */
export function pendingQueries(investigation: Investigation): readonly ReportQuery[] {
  return investigation.report.nextQueries
}

function reportOf(result: TraceResult, options: InvestigationOptions): Report {
  return toReport(result, { policy: options.policy ?? DEFAULT_POLICY })
}

function withStatement(accounts: readonly Account[], id: string, through: number, hints: readonly Account[]): Account[] {
  const byId = new Map(accounts.map((a) => [a.id, a]))
  for (const hint of hints) if (!byId.has(hint.id)) byId.set(hint.id, hint)
  const prior = byId.get(id)
  const statementThrough = Math.max(through, prior?.statementThrough ?? Number.NEGATIVE_INFINITY)
  byId.set(id, { ...(prior ?? { id, kind: 'bank', openingBalance: 0n }), statementThrough })
  return [...byId.values()]
}

function actionKey(a: ReportAction): string {
  return `${a.kind}\u0000${a.account}\u0000${a.transfer ?? ''}`
}

/**
 * What changed between two reports of the same investigation.
 *
 * @example
 * diffReports(before, after).holdChanges // [{ account: '6222…', from: '5d', to: 'long_term', … }]
 */
export function diffReports(before: Report | undefined, after: Report): StepChanges {
  const previous = new Map((before?.actions ?? []).map((a) => [actionKey(a), a]))
  const current = new Map(after.actions.map((a) => [actionKey(a), a]))
  const newActions: ReportAction[] = []
  const holdChanges: { account: string; from: Hold; to: Hold; action: ReportAction }[] = []
  const amountChanges: StepChanges['amountChanges'][number][] = []
  for (const [key, action] of current) {
    const old = previous.get(key)
    if (!old) {
      newActions.push(action)
      continue
    }
    if (old.hold !== undefined && action.hold !== undefined && old.hold !== action.hold) holdChanges.push({ account: action.account, from: old.hold, to: action.hold, action })
    if (old.amount !== action.amount) amountChanges.push({ account: action.account, kind: action.kind, from: old.amount, to: action.amount, action })
  }
  const involved = new Set(after.accounts.map((a) => a.id))
  const cancel = [...previous].filter(([key]) => !current.has(key)).map(([, action]) => ({
    action,
    reason: involved.has(action.account)
      ? `the statements show the money is no longer there to be caught by ${action.kind}`
      : `the statements show no victim money ever stayed in ${action.account}`,
  }))
  const asked = new Set((before?.nextQueries ?? []).map((q) => q.account))
  return {
    newActions,
    holdChanges: holdChanges.sort((a, b) => compareCodePoints(a.account, b.account)),
    amountChanges,
    cancel,
    newQueries: after.nextQueries.filter((q) => !asked.has(q.account)),
  }
}

function contentKey(t: Transfer): string {
  return `${t.from}\u0000${t.to}\u0000${t.amount}\u0000${t.time}`
}
