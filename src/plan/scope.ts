/**
 * Scope of the response procedure and severity bands (DESIGN.md §1, "Scope").
 *
 * @module plan/scope
 */
import { CASE_TYPES, type CaseType, type HolderType } from '../case/types.js'
import { FundtraceError } from '../errors/index.js'
import type { Report, Severity } from '../report/types.js'
import { digitsOf, toMinor } from './_lib/money.js'
import { DEFAULT_POLICY, severityOf, type Policy } from './policy.js'

/**
 * Case types the response procedure serves.
 *
 * @example
 * const t: InScopeCaseType = 'telecom_fraud'
 */
export type InScopeCaseType = Exclude<CaseType, 'trade_dispute'>

/**
 * Refuses case types outside the procedure. A trade dispute (贸易纠纷: the customer was misled
 * by a counterparty's conduct in a genuine trade) is a civil matter, not telecom/online-banking
 * fraud: no stop payment, no routing, no restitution. Throws a {@link FundtraceError} with code
 * `out_of_scope` (or `invalid_option` for a value that is no case type at all).
 *
 * @example
 * assertInScope('telecom_fraud')  // returns
 * assertInScope('trade_dispute')  // throws FundtraceError, issue code 'out_of_scope'
 */
export function assertInScope(caseType: unknown): asserts caseType is InScopeCaseType {
  if (caseType === 'trade_dispute') {
    throw new FundtraceError([{
      code: 'out_of_scope',
      message: 'fundtrace/plan: trade disputes (贸易纠纷) are outside the telecom/online-banking fraud response procedure: '
        + 'no emergency stop payment, routing or restitution is planned. Refer the customer to civil remedies (negotiation, '
        + 'the counterparty\'s platform, a court); if the police open a fraud case, re-file it as telecom_fraud.',
      path: ['caseType'],
    }])
  }
  if (typeof caseType !== 'string' || !(CASE_TYPES as readonly string[]).includes(caseType)) {
    throw new FundtraceError([{
      code: 'invalid_option',
      message: `fundtrace/plan: case type ${JSON.stringify(caseType)} is not one of ${CASE_TYPES.join(', ')}`,
      path: ['caseType'],
    }])
  }
}

/**
 * Options of {@link victimSeverities} and {@link caseSeverity}.
 *
 * @example
 * caseSeverity(report, { holderTypes: { V2: 'organisation' } })
 */
export interface SeverityOptions {
  /** Policy whose thresholds apply (default {@link DEFAULT_POLICY}). */
  readonly policy?: Policy
  /** Holder type per victim id; victims not listed are `individual`. */
  readonly holderTypes?: Readonly<Record<string, HolderType>>
}

const RANK: Readonly<Record<Severity, number>> = { below_threshold: 0, large: 1, huge: 2, especially_huge: 3 }

/**
 * Severity band of each victim's loss (via {@link severityOf}), keyed by victim id, with the
 * thresholds of the victim's holder type: individuals ≥ 2,000 large (数额较大), ≥ 30,000 huge
 * (数额巨大), ≥ 200,000 especially huge (数额特别巨大); organisations by their own bands.
 *
 * @example
 * victimSeverities(report) //=> { V1: 'huge', V2: 'large' }
 * victimSeverities(report, { holderTypes: { V1: 'organisation' } }) //=> { V1: 'below_threshold', V2: 'large' }
 */
export function victimSeverities(report: Report, options: SeverityOptions = {}): Record<string, Severity> {
  const policy = options.policy ?? DEFAULT_POLICY
  const digits = digitsOf(report.currency)
  const out: Record<string, Severity> = {}
  report.victims.forEach((v, i) => {
    const loss = toMinor(v.loss, digits, ['victims', i, 'loss'])
    out[v.id] = severityOf(loss, options.holderTypes?.[v.id] ?? 'individual', policy, digits)
  })
  return out
}

/**
 * Severity band of the whole case. Fraud amounts of one case accumulate (诈骗数额累计计算), so
 * the case band is that of the summed loss of all victims — under the individual thresholds if any
 * victim is an individual, else the organisation thresholds — and never lower than the band of
 * any single victim.
 *
 * @example
 * // V1 lost 20,000.00, V2 lost 15,000.00 (both individuals: 'large' each)
 * caseSeverity(report) //=> 'huge'  (35,000.00 together)
 */
export function caseSeverity(report: Report, options: SeverityOptions = {}): Severity {
  const policy = options.policy ?? DEFAULT_POLICY
  const digits = digitsOf(report.currency)
  let total = 0n
  let anyIndividual = false
  report.victims.forEach((v, i) => {
    total += toMinor(v.loss, digits, ['victims', i, 'loss'])
    if ((options.holderTypes?.[v.id] ?? 'individual') === 'individual') anyIndividual = true
  })
  let band = severityOf(total, anyIndividual ? 'individual' : 'organisation', policy, digits)
  for (const s of Object.values(victimSeverities(report, options))) if (RANK[s] > RANK[band]) band = s
  return band
}
