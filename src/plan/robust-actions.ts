import { currencyDigits, formatAmountGrouped } from '../case/money.js'
import { compareCodePoints } from '../ledger/index.js'
import { METHODS, type Method } from '../report/types.js'
import { amounts, type MethodAmounts, type MethodComparison } from '../trace/index.js'
import { collectActions, compareBigDesc, tieBreak, type Action, type Unranked } from './actions.js'
import { DEFAULT_POLICY, type Policy } from './policy.js'

/** An action ranked across all four methods. `amount` is the undisputed (minimum) amount. */
export interface RobustAction extends Action {
  readonly byMethod: MethodAmounts
  /** Methods under which the action acts on catchable money. */
  readonly fundedBy: readonly Method[]
  /** `robust`: funded under every method; `method_dependent`: only under some. */
  readonly robustness: 'robust' | 'method_dependent' | 'unfunded'
}

/**
 * Ranks actions by what every tracing rule agrees on: funded first — by the undisputed amount
 * (minimum over the methods), then the maximum, then level and account id — then accounts
 * unfunded under every method. Each action says which methods fund it.
 *
 * @example
 * rankRobustActions(compareMethods(caseFile))[0] //=> { rank: 1, robustness: 'robust', byMethod: { min: …, max: … }, … }
 */
export function rankRobustActions(comparison: MethodComparison, policy: Policy = DEFAULT_POLICY): RobustAction[] {
  const perMethod = Object.fromEntries(METHODS.map((m) => [m, collectActions(comparison.results[m], policy)])) as Record<Method, ReturnType<typeof collectActions>>
  const digits = currencyDigits(comparison.results.fifo.case.currency) ?? 2
  const money = (minor: bigint) => formatAmountGrouped(minor, digits)
  const key = (a: Unranked) => `${a.kind}\u0000${a.account}\u0000${a.transfer ?? ''}`
  const fundedKeys = new Map<string, Unranked>()
  const fundedAmount = new Map<string, Map<Method, bigint>>()
  for (const m of METHODS) {
    for (const a of perMethod[m].funded) {
      const k = key(a)
      const prior = fundedKeys.get(k)
      if (!prior || a.level < prior.level) fundedKeys.set(k, a)
      let byMethod = fundedAmount.get(k)
      if (!byMethod) fundedAmount.set(k, (byMethod = new Map()))
      byMethod.set(m, a.amount)
    }
  }
  const funded: Omit<RobustAction, 'rank'>[] = []
  for (const [k, base] of fundedKeys) {
    const byMethod = amounts((m) => fundedAmount.get(k)!.get(m) ?? 0n)
    const fundedBy = METHODS.filter((m) => (fundedAmount.get(k)!.get(m) ?? 0n) > 0n)
    const robust = fundedBy.length === METHODS.length
    funded.push({
      ...base,
      amount: byMethod.min,
      byMethod,
      fundedBy,
      robustness: robust ? 'robust' : 'method_dependent',
      reason: `${describeKind(base)}; ${robust ? 'funded under every method' : `funded only under ${fundedBy.join(', ')}`}: undisputed ${money(byMethod.min)}, up to ${money(byMethod.max)} (${METHODS.map((m) => `${m} ${money(byMethod[m])}`).join(', ')})`,
    })
  }
  const fundedAccounts = new Set(funded.filter((a) => a.kind === 'stop_payment' || a.kind === 'escalate_platform').map((a) => a.account))
  const unfundedByAccount = new Map<string, Unranked>()
  for (const m of METHODS) {
    for (const a of perMethod[m].unfunded) {
      if (fundedAccounts.has(a.account)) continue
      const prior = unfundedByAccount.get(a.account)
      if (!prior || a.amount > prior.amount || (a.amount === prior.amount && a.level < prior.level)) unfundedByAccount.set(a.account, a)
    }
  }
  const unfunded: Omit<RobustAction, 'rank'>[] = [...unfundedByAccount.values()].map((a) => ({
    ...a, byMethod: amounts(() => 0n), fundedBy: [], robustness: 'unfunded' as const,
  }))
  funded.sort((a, b) => compareBigDesc(a.byMethod.min, b.byMethod.min) || compareBigDesc(a.byMethod.max, b.byMethod.max) || a.level - b.level || compareCodePoints(a.account, b.account) || tieBreak(a, b))
  unfunded.sort((a, b) => a.level - b.level || compareBigDesc(a.amount, b.amount) || compareCodePoints(a.account, b.account) || tieBreak(a, b))
  return [...funded, ...unfunded].map((a, i) => ({ rank: i + 1, ...a }))
}

function describeKind(action: Unranked): string {
  switch (action.kind) {
    case 'stop_payment': return 'victim money held in the account'
    case 'escalate_platform': return 'victim money held at the platform; recover through the provincial anti-fraud centre'
    case 'delay_credit': return `victim money in pending transfer ${action.transfer}; delay crediting it`
    case 'return_to_origin': return `victim money in pending cross-border remittance ${action.transfer}; return it to origin`
    case 'reverse_transaction': return `victim money from counter transfer ${action.transfer} still in the account; reverse it`
  }
}
