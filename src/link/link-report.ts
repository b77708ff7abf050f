import { currencyDigits, formatAmount } from '../case/money.js'
import { compareCodePoints } from '../ledger/index.js'
import { toReport, type ReportOptions } from '../report/index.js'
import type { Report, ReportAction, ReportVictim } from '../report/types.js'
import type { TraceResult } from '../trace/index.js'
import { NAMESPACE_SEPARATOR, type LinkedCases } from './link-cases.js'

/** One account seen across cases: whose money it received and holds. */
export interface CrossCaseAccount {
  readonly account: string
  readonly level: number
  readonly cases: readonly string[]
  readonly victims: readonly string[]
  readonly heldTotal: string
  /** Held per case id. */
  readonly heldByCase: Readonly<Record<string, string>>
}

/** The report of linked cases: the joint report, each case's own view, and the cross-case ranking. */
export interface LinkReport {
  readonly format: 'fundtrace/link-report@1'
  readonly joint: Report
  readonly cases: readonly { readonly caseId: string; readonly victims: readonly ReportVictim[]; readonly actions: readonly ReportAction[] }[]
  /** Accounts ranked by money held, then by number of cases, then id: the ones to put first to the opening bank and the police. */
  readonly crossCase: readonly CrossCaseAccount[]
}

/**
 * Builds the report of a joint trace of linked cases.
 *
 * @example
 * const linked = linkCases(cases)
 * const report = toLinkReport(linked, trace(linked.joint, { method: 'fifo' }))
 * report.crossCase[0] //=> the account holding the most money, shared by the most cases
 */
export function toLinkReport(linked: LinkedCases, result: TraceResult, options: ReportOptions = {}): LinkReport {
  const base = toReport(result, options)
  const joint: Report = { ...base, warnings: [...linked.warnings, ...base.warnings] }
  const digits = currencyDigits(joint.currency) ?? 2
  const caseOf = (victim: string) => victim.slice(0, victim.lastIndexOf(NAMESPACE_SEPARATOR))
  const receivedBy = new Map(result.accounts.map((a) => [a.id, a]))
  const cases = [...linked.victimsByCase.keys()].sort(compareCodePoints).map((caseId) => {
    const own = new Set(linked.victimsByCase.get(caseId))
    return {
      caseId,
      victims: joint.victims.filter((v) => own.has(v.id)),
      actions: joint.actions.filter((a) => [...(receivedBy.get(a.account)?.received.keys() ?? [])].some((v) => own.has(v))),
    }
  })
  const crossCase: (CrossCaseAccount & { held: bigint })[] = result.accounts.map((a) => {
    const heldByCase = new Map<string, bigint>()
    for (const [victim, amount] of a.held) heldByCase.set(caseOf(victim), (heldByCase.get(caseOf(victim)) ?? 0n) + amount)
    const caseIds = [...new Set([...a.received.keys()].map(caseOf))].sort(compareCodePoints)
    const held: Record<string, string> = Object.create(null)
    for (const id of [...heldByCase.keys()].sort(compareCodePoints)) held[id] = formatAmount(heldByCase.get(id)!, digits)
    return { account: a.id, level: a.level, cases: caseIds, victims: [...a.received.keys()], heldTotal: formatAmount(a.heldTotal, digits), heldByCase: held, held: a.heldTotal }
  })
  crossCase.sort((x, y) => (x.held > y.held ? -1 : x.held < y.held ? 1 : 0) || y.cases.length - x.cases.length || compareCodePoints(x.account, y.account))
  return { format: 'fundtrace/link-report@1', joint, cases, crossCase: crossCase.map(({ held: _held, ...rest }) => rest) }
}
