import { currencyDigits, formatAmount } from '../case/money.js'
import { compareCodePoints } from '../ledger/index.js'
import { rankActions } from '../plan/actions.js'
import { DEFAULT_POLICY } from '../plan/policy.js'
import { toReport, type ReportOptions } from '../report/index.js'
import type { Report, ReportAction, ReportVictim } from '../report/types.js'
import type { TraceResult } from '../trace/index.js'
import { caseShares, type CaseShare } from './_case-actions.js'
import type { LinkedCases } from './link-cases.js'

export const LINK_REPORT_FORMAT = 'fundtrace/link-report@1'

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

/**
 * A case's own share of a joint action: `amount` is the case's money (see {@link toLinkReport}),
 * `rank` its place among the case's actions, `jointRank` the rank of the joint action it shares.
 */
export interface LinkCaseAction extends Pick<ReportAction, 'rank' | 'kind' | 'account' | 'hold' | 'amount' | 'level' | 'funded' | 'transfer'> {
  readonly jointRank: number
}

/** One case in a link report: its victims' balance sheets and its own ranked actions. */
export interface LinkCase {
  readonly caseId: string
  readonly victims: readonly ReportVictim[]
  readonly actions: readonly LinkCaseAction[]
}

/** The report of linked cases: the joint report, each case's own view, and the cross-case ranking. */
export interface LinkReport {
  readonly format: typeof LINK_REPORT_FORMAT
  readonly joint: Report
  readonly cases: readonly LinkCase[]
  /** Accounts ranked by money held, then by number of cases, then id: the ones to put first to the opening bank and the police. */
  readonly crossCase: readonly CrossCaseAccount[]
}

/**
 * Builds the report of a joint trace of linked cases: the joint report; per case (in case id
 * order) its victims' sheets and its own actions; and the cross-case ranking of accounts.
 *
 * A case's actions are its shares of the joint actions on its victims' money, ranked 1…n within
 * the case in the recommendation order, each with the joint rank:
 * - funded `stop_payment` / `escalate_platform`: the case's victims' money held there, less what
 *   sits in pending transfers (as the joint amount); a case whose money all left that account
 *   gets the action unfunded, for what the account received of its money;
 * - unfunded `stop_payment`: what the account received of the case's money;
 * - `delay_credit` / `return_to_origin`: the case's money in that pending transfer;
 * - `reverse_transaction`: the case of the victim whose counter transfer it is.
 * The funded shares of a funded joint action sum exactly to its amount; so do the shares of an
 * unfunded one. `level` is the case's own: the fewest hops its victims' money took there.
 *
 * @example
 * const linked = linkCases(cases)
 * const report = toLinkReport(linked, trace(linked.joint, { method: 'fifo' }))
 * report.crossCase[0]          //=> the account holding the most money, shared by the most cases
 * report.cases[0].actions[0]   //=> { rank: 1, jointRank: 3, amount: '500.00', funded: true, … }
 */
export function toLinkReport(linked: LinkedCases, result: TraceResult, options: ReportOptions = {}): LinkReport {
  const base = toReport(result, options)
  const joint: Report = { ...base, warnings: [...linked.warnings, ...base.warnings] }
  const digits = currencyDigits(joint.currency) ?? 2
  const amount = (minor: bigint) => formatAmount(minor, digits)
  const caseIds = [...linked.victimsByCase.keys()].sort(compareCodePoints)
  const caseOf = new Map<string, number>()
  caseIds.forEach((caseId, caseNo) => { for (const v of linked.victimsByCase.get(caseId)!) caseOf.set(v, caseNo) })

  const victimsOf = caseIds.map((): ReportVictim[] => [])
  for (const v of joint.victims) victimsOf[caseOf.get(v.id)!]!.push(v)
  const shares = caseShares(result, rankActions(result, options.policy ?? DEFAULT_POLICY), caseOf, caseIds.length)
  const cases: LinkCase[] = caseIds.map((caseId, caseNo) => ({
    caseId, victims: victimsOf[caseNo]!, actions: shares[caseNo]!.map((s) => caseAction(s, amount)),
  }))
  return { format: LINK_REPORT_FORMAT, joint, cases, crossCase: crossCaseRanking(result, caseIds, caseOf, amount) }
}

function caseAction(s: CaseShare & { readonly rank: number }, amount: (minor: bigint) => string): LinkCaseAction {
  return {
    rank: s.rank, jointRank: s.jointRank, kind: s.kind, account: s.account, ...(s.hold !== undefined ? { hold: s.hold } : {}),
    amount: amount(s.amount), level: s.level, funded: s.funded, ...(s.transfer !== undefined ? { transfer: s.transfer } : {}),
  }
}

/** Every involved account with the cases whose money it received and holds, ranked by money held, then number of cases, then id. */
function crossCaseRanking(result: TraceResult, caseIds: readonly string[], caseOf: ReadonlyMap<string, number>, amount: (minor: bigint) => string): CrossCaseAccount[] {
  const rows = result.accounts.map((a) => {
    const cases = new Set<number>()
    for (const victim of a.received.keys()) cases.add(caseOf.get(victim)!)
    const heldByCase = new Map<number, bigint>()
    for (const [victim, held] of a.held) heldByCase.set(caseOf.get(victim)!, (heldByCase.get(caseOf.get(victim)!) ?? 0n) + held)
    const held: Record<string, string> = Object.create(null)
    for (const caseNo of [...heldByCase.keys()].sort((x, y) => x - y)) held[caseIds[caseNo]!] = amount(heldByCase.get(caseNo)!)
    const row: CrossCaseAccount = {
      account: a.id, level: a.level, cases: [...cases].sort((x, y) => x - y).map((n) => caseIds[n]!),
      victims: [...a.received.keys()], heldTotal: amount(a.heldTotal), heldByCase: held,
    }
    return { row, held: a.heldTotal }
  })
  rows.sort((x, y) => (x.held > y.held ? -1 : x.held < y.held ? 1 : 0) || y.row.cases.length - x.row.cases.length || compareCodePoints(x.row.account, y.row.account))
  return rows.map((r) => r.row)
}
