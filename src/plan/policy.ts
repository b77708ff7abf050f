/**
 * The response playbook as data: every default of the procedure in DESIGN.md §1, overridable.
 */
import { z } from 'zod'
import { ACCOUNT_KINDS, type AccountKind, type CaseType, type HolderType } from '../case/types.js'
import type { Hold, Severity } from '../report/types.js'

export const STOP_REMARK = '涉嫌电信/网络诈骗紧急止付,如需解除止付请与止付行联系'

/** Severity thresholds in major units, lowest first: [large, huge, especially huge]. */
export type SeverityThresholds = readonly [large: string, huge: string, especiallyHuge: string]

export interface Policy {
  /** Hold for a funded / unfunded account, per case type. */
  readonly holds: Readonly<Record<Exclude<CaseType, 'trade_dispute'>, { readonly funded: Hold; readonly unfunded: Hold }>>
  /** Remark written on every stop payment. */
  readonly remark: string
  /** Account kinds whose held money is recovered by escalation to the anti-fraud centre, not by a bank stop. */
  readonly escalateKinds: readonly AccountKind[]
  /** Account kinds that receive unfunded stop payments (sinks such as ATMs cannot be stopped). */
  readonly stoppableKinds: readonly AccountKind[]
  /** Severity thresholds per holder type, in major units of the case currency. */
  readonly severity: Readonly<Record<HolderType, SeverityThresholds>>
  /** Smallest amount (major units) worth an action; accounts below it are listed but get none. */
  readonly minActionAmount: string
}

/** The playbook's defaults. */
export const DEFAULT_POLICY: Policy = Object.freeze({
  holds: Object.freeze({
    telecom_fraud: Object.freeze({ funded: 'long_term', unfunded: '5d' }),
    online_banking_theft: Object.freeze({ funded: 'long_term', unfunded: 'long_term' }),
  }),
  remark: STOP_REMARK,
  escalateKinds: Object.freeze(['payment_platform', 'pos_merchant']) as readonly AccountKind[],
  stoppableKinds: Object.freeze(['bank']) as readonly AccountKind[],
  severity: Object.freeze({
    individual: Object.freeze(['2000', '30000', '200000']) as SeverityThresholds,
    organisation: Object.freeze(['50000', '200000', '1000000']) as SeverityThresholds,
  }),
  minActionAmount: '0',
}) as Policy

const holdSchema = z.enum(['long_term', '5d'])
const decimal = z.string().regex(/^[0-9]+(\.[0-9]+)?$/, 'a non-negative decimal string of major units')

/** zod schema of a partial policy, as a caller may give it. */
export const policyOverridesSchema = z.strictObject({
  holds: z.strictObject({
    telecom_fraud: z.strictObject({ funded: holdSchema, unfunded: holdSchema }).partial(),
    online_banking_theft: z.strictObject({ funded: holdSchema, unfunded: holdSchema }).partial(),
  }).partial(),
  remark: z.string().min(1).max(200),
  escalateKinds: z.array(z.enum(ACCOUNT_KINDS)),
  stoppableKinds: z.array(z.enum(ACCOUNT_KINDS)),
  severity: z.strictObject({
    individual: z.tuple([decimal, decimal, decimal]),
    organisation: z.tuple([decimal, decimal, decimal]),
  }).partial(),
  minActionAmount: decimal,
}).partial()

export type PolicyOverrides = z.input<typeof policyOverridesSchema>

/**
 * Severity band of a loss for a holder type.
 *
 * @example
 * severityOf(5_000_000n, 'individual', DEFAULT_POLICY, 2) //=> 'huge'  (50,000.00 CNY)
 */
export function severityOf(lossMinor: bigint, holderType: HolderType, policy: Policy, digits: number): Severity {
  const scale = 10n ** BigInt(digits)
  const [large, huge, especially] = policy.severity[holderType].map((t) => majorToMinor(t, scale))
  if (lossMinor >= especially!) return 'especially_huge'
  if (lossMinor >= huge!) return 'huge'
  if (lossMinor >= large!) return 'large'
  return 'below_threshold'
}

function majorToMinor(text: string, scale: bigint): bigint {
  const [whole = '0', fraction = ''] = text.split('.')
  const digits = scale.toString().length - 1
  return BigInt(whole) * scale + BigInt((fraction + '0'.repeat(digits)).slice(0, digits) || '0')
}
