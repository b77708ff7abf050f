/**
 * Resolving a caller's policy overrides into a complete {@link Policy}.
 *
 * @module plan/resolve-policy
 */
import { FundtraceError, type Issue, type IssuePath } from '../errors/index.js'
import { fromZod } from './_lib/issues.js'
import { DEFAULT_POLICY, policyOverridesSchema, type Policy, type SeverityThresholds } from './policy.js'

/**
 * Options of {@link resolvePolicy}.
 *
 * @example
 * resolvePolicy(config.policy, { path: ['policy'] })
 */
export interface ResolvePolicyOptions {
  /** Prefix for every issue path, e.g. `['policy']` when the overrides sit under that key of a config file. Default `[]`. */
  readonly path?: IssuePath
}

/**
 * Validates policy overrides and deep-merges them over {@link DEFAULT_POLICY}. The result is
 * deeply frozen. Every field is optional; what is absent keeps its default:
 *
 * | field | type | default | meaning |
 * |---|---|---|---|
 * | `holds.telecom_fraud.funded` | `'long_term' \| '5d'` | `'long_term'` | hold on a telecom-fraud account that still holds victim money (长期有效) |
 * | `holds.telecom_fraud.unfunded` | `'long_term' \| '5d'` | `'5d'` | hold on a telecom-fraud account that holds none (有效期5天) |
 * | `holds.online_banking_theft.funded` / `.unfunded` | same | `'long_term'` | online-banking theft: long-term for every account |
 * | `remark` | string, 1–200 chars | {@link STOP_REMARK} | remark written on every stop payment |
 * | `escalateKinds` | account kinds | `['payment_platform', 'pos_merchant']` | kinds recovered through the provincial anti-fraud centre, not a bank stop |
 * | `stoppableKinds` | account kinds | `['bank']` | kinds a bank can stop (sinks such as ATM cash cannot be) |
 * | `severity.individual` | `[large, huge, especiallyHuge]` decimals | `['2000', '30000', '200000']` | loss bands for individuals (数额较大/巨大/特别巨大), major units |
 * | `severity.organisation` | same | `['50000', '200000', '1000000']` | loss bands for organisations |
 * | `minActionAmount` | decimal string | `'0'` | smallest amount worth an action (accounts below it are listed, not acted on) |
 *
 * Arrays replace the default (they are not concatenated); objects merge key by key. Besides the
 * schema, the thresholds of each band must not decrease and a kind cannot be both escalated and
 * stoppable. Every problem is collected into one {@link FundtraceError} whose issues have code
 * `invalid_option` and the path of the offending field.
 *
 * @example
 * resolvePolicy().holds.telecom_fraud.unfunded                      //=> '5d'
 * resolvePolicy({ holds: { telecom_fraud: { unfunded: 'long_term' } } }).holds.telecom_fraud
 * //=> { funded: 'long_term', unfunded: 'long_term' }
 * resolvePolicy({ minActionAmount: '-1' }) // throws FundtraceError, issue path ['minActionAmount']
 */
export function resolvePolicy(overrides?: unknown, options: ResolvePolicyOptions = {}): Policy {
  const base = options.path ?? []
  if (overrides === undefined) return DEFAULT_POLICY
  const parsed = policyOverridesSchema.safeParse(overrides)
  if (!parsed.success) throw new FundtraceError(fromZod(parsed.error, 'invalid_option', base, 'policy'))
  const o = parsed.data
  const d = DEFAULT_POLICY
  const merged: Policy = {
    holds: {
      telecom_fraud: { ...d.holds.telecom_fraud, ...o.holds?.telecom_fraud },
      online_banking_theft: { ...d.holds.online_banking_theft, ...o.holds?.online_banking_theft },
    },
    remark: o.remark ?? d.remark,
    escalateKinds: o.escalateKinds ? [...new Set(o.escalateKinds)] : d.escalateKinds,
    stoppableKinds: o.stoppableKinds ? [...new Set(o.stoppableKinds)] : d.stoppableKinds,
    severity: {
      individual: (o.severity?.individual ?? d.severity.individual) as SeverityThresholds,
      organisation: (o.severity?.organisation ?? d.severity.organisation) as SeverityThresholds,
    },
    minActionAmount: o.minActionAmount ?? d.minActionAmount,
  }
  const issues: Issue[] = []
  for (const holder of ['individual', 'organisation'] as const) {
    const t = merged.severity[holder]
    for (let i = 1; i < t.length; i++) {
      if (compareDecimal(t[i]!, t[i - 1]!) < 0) {
        issues.push({
          code: 'invalid_option',
          message: `fundtrace/plan: policy severity.${holder}[${i}] (${t[i]}) is below severity.${holder}[${i - 1}] (${t[i - 1]}); thresholds must not decrease`,
          path: [...base, 'severity', holder, i],
        })
      }
    }
  }
  for (const kind of merged.escalateKinds) {
    if (merged.stoppableKinds.includes(kind)) {
      issues.push({
        code: 'invalid_option',
        message: `fundtrace/plan: policy kind ${JSON.stringify(kind)} is both in escalateKinds and stoppableKinds; its money is recovered one way only`,
        path: [...base, o.stoppableKinds ? 'stoppableKinds' : 'escalateKinds'],
      })
    }
  }
  if (issues.length > 0) throw new FundtraceError(issues)
  return deepFreeze(merged)
}

function compareDecimal(a: string, b: string): number {
  const [aw = '0', af = ''] = a.split('.')
  const [bw = '0', bf = ''] = b.split('.')
  const width = Math.max(af.length, bf.length)
  const x = BigInt(aw + af.padEnd(width, '0'))
  const y = BigInt(bw + bf.padEnd(width, '0'))
  return x < y ? -1 : x > y ? 1 : 0
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v)
    Object.freeze(value)
  }
  return value
}
