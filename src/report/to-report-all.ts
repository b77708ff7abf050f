import { currencyDigits, formatAmount } from '../case/money.js'
import { rankRobustActions } from '../plan/robust-actions.js'
import { DEFAULT_POLICY } from '../plan/policy.js'
import type { MethodAmounts, MethodComparison } from '../trace/index.js'
import { reportAction, toReport, type ReportOptions } from './to-report.js'
import { METHODS, type Method, type Report, type ReportMethodAmounts, type ReportMethods } from './types.js'

/**
 * The report of a four-method comparison: balance sheets, accounts and queries of the `base`
 * method (default `fifo`), actions ranked by the undisputed amount across all methods (each saying
 * which methods fund it), and a `methods` block with the side-by-side amounts.
 *
 * @example
 * const report = toReportAll(compareMethods(caseFile))
 * report.actions[0].robustness //=> 'robust'
 */
export function toReportAll(comparison: MethodComparison, options: ReportOptions & { base?: Method } = {}): Report {
  const base = options.base ?? 'fifo'
  const baseReport = toReport(comparison.results[base], options)
  const digits = currencyDigits(baseReport.currency) ?? 2
  const amount = (m: bigint) => formatAmount(m, digits)
  const methodAmounts = (a: MethodAmounts): ReportMethodAmounts => ({
    fifo: amount(a.fifo), lifo: amount(a.lifo), pro_rata: amount(a.pro_rata), victim_last: amount(a.victim_last), min: amount(a.min), max: amount(a.max),
  })
  const victims: Record<string, ReportMethods['victims'][string]> = Object.create(null)
  for (const v of comparison.results[base].victims) {
    const perMethod = {} as Record<Method, { held: string; exited: string; returned: string; beyond: string }>
    for (const m of METHODS) {
      const sheet = comparison.results[m].victims.find((x) => x.id === v.id)!
      perMethod[m] = { held: amount(sheet.held), exited: amount(sheet.exited), returned: amount(sheet.returned), beyond: amount(sheet.beyond) }
    }
    victims[v.id] = perMethod
  }
  const actions = rankRobustActions(comparison, options.policy ?? DEFAULT_POLICY).map((a) => ({
    ...reportAction(a, amount),
    byMethod: methodAmounts(a.byMethod),
    fundedBy: a.fundedBy,
    robustness: a.robustness,
  }))
  const methods: ReportMethods = {
    base,
    compared: METHODS,
    victims,
    accounts: comparison.accounts.map((a) => {
      const held: Record<string, ReportMethodAmounts> = Object.create(null)
      for (const [victim, amounts] of a.held) held[victim] = methodAmounts(amounts)
      return { id: a.id, level: a.level, held, total: methodAmounts(a.total) }
    }),
  }
  return { ...baseReport, method: 'all', actions, methods }
}
