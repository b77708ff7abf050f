/**
 * Perspective: who carries out each action, seen from the responding institution
 * (DESIGN.md §1 steps 2, 5 and 6).
 *
 * @module plan/executors
 */
import type { ActionKind, Report, ReportAction } from '../report/types.js'
import { FundtraceError } from '../errors/index.js'
import { accountIndex, sameInstitution } from './_lib/accounts.js'
import { DEFAULT_POLICY, type Policy } from './policy.js'
import { assertInScope } from './scope.js'

/**
 * Channel through which other institutions' opening branches are asked to act.
 *
 * @example
 * POLICE_PLATFORM //=> 'police anti-fraud platform (电信网络诈骗侦办平台)'
 */
export const POLICE_PLATFORM = 'police anti-fraud platform (电信网络诈骗侦办平台)'

/**
 * Who carries out an action.
 *
 * @example
 * const e: Executor = { by: 'opening_branch', institution: 'ICBC', branch: '历下支行', via: POLICE_PLATFORM }
 */
export type Executor =
  /** The responding institution holds the account and acts itself. */
  | { readonly by: 'self'; readonly how: string }
  /**
   * Another institution's opening branch acts on a request sent through the police platform.
   * `institution` / `branch` are absent when the report does not know them (query them first).
   */
  | { readonly by: 'opening_branch'; readonly institution?: string; readonly branch?: string; readonly via: string }
  /** A payment platform or POS merchant: the provincial anti-fraud centre has the platform act. */
  | { readonly by: 'anti_fraud_centre'; readonly how: string }

/**
 * A report action with its executor.
 *
 * @example
 * assignExecutors(report, { institution: 'BOC' })[0]!.executor.by //=> 'self'
 */
export type AssignedAction = ReportAction & { readonly executor: Executor }

/**
 * Options of {@link assignExecutors}.
 *
 * @example
 * assignExecutors(report, { institution: 'BOC', policy: resolvePolicy({ escalateKinds: ['payment_platform'] }) })
 */
export interface AssignExecutorsOptions {
  /** The responding institution, as named in the case file's `accounts[].institution` (compared trimmed, case-insensitively). */
  readonly institution: string
  /** Policy deciding which account kinds are escalated (default {@link DEFAULT_POLICY}). */
  readonly policy?: Policy
}

const SELF_HOW: Readonly<Record<ActionKind, string>> = {
  stop_payment: 'direct stop payment at the counter system',
  delay_credit: 'delay crediting of the pending remittance at the counter system',
  return_to_origin: 'return the inbound cross-border remittance to its origin',
  reverse_transaction: 'reverse the counter transaction (交易冲正) at the counter system',
  escalate_platform: 'upload legal documents to the provincial anti-fraud centre and phone its duty officer',
}

const CENTRE_HOW = 'upload the legal documents to the provincial anti-fraud centre and phone its duty officer, who has the platform act and reports back'

/**
 * Gives every action of a report its executor, from the point of view of the responding
 * institution: accounts it holds are stopped directly (`self`); accounts at other institutions
 * are stopped by their opening branch on a request through the police anti-fraud platform
 * (`opening_branch`, with the institution and branch when known); payment-platform and POS
 * accounts (the policy's `escalateKinds`) go to the provincial anti-fraud centre
 * (`anti_fraud_centre`). Actions keep their rank order; nothing else changes.
 *
 * @example
 * assignExecutors(report, { institution: 'BOC' }).map((a) => a.executor.by)
 * //=> ['self', 'opening_branch', 'anti_fraud_centre']
 */
export function assignExecutors(report: Report, options: AssignExecutorsOptions): AssignedAction[] {
  assertInScope(report.caseType)
  if (typeof options?.institution !== 'string' || options.institution.trim() === '') {
    throw new FundtraceError([{ code: 'invalid_option', message: 'fundtrace/plan: assignExecutors needs the responding institution (a non-empty string)', path: ['institution'] }])
  }
  const policy = options.policy ?? DEFAULT_POLICY
  const accounts = accountIndex(report)
  return report.actions.map((action) => {
    const account = accounts.get(action.account)
    let executor: Executor
    if (action.kind === 'escalate_platform' || (account && policy.escalateKinds.includes(account.kind))) {
      executor = { by: 'anti_fraud_centre', how: CENTRE_HOW }
    } else if (account && sameInstitution(account.institution, options.institution)) {
      executor = { by: 'self', how: SELF_HOW[action.kind] }
    } else {
      executor = {
        by: 'opening_branch',
        ...(account?.institution !== undefined ? { institution: account.institution } : {}),
        ...(account?.branch !== undefined ? { branch: account.branch } : {}),
        via: POLICE_PLATFORM,
      }
    }
    return { ...action, executor }
  })
}
