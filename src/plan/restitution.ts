/**
 * Restitution: returning frozen money to victims (DESIGN.md §1 step 10) under the Provisions on
 * Returning Frozen Funds in Telecom/Network Fraud Cases (电信网络新型违法犯罪案件冻结资金返还若干规定,
 * 2016, art. 8).
 *
 * @module plan/restitution
 */
import { FundtraceError } from '../errors/index.js'
import type { Method, Report } from '../report/types.js'
import { apportion } from './_lib/apportion.js'
import { accountIndex } from './_lib/accounts.js'
import { digitsOf, fmt, toMinor } from './_lib/money.js'
import { compareCodePoints } from './_lib/order.js'
import { explainVictim, ruleText } from './restitution-text.js'
import { assertInScope } from './scope.js'

/**
 * Days of public notice before rateable sharing (case 3).
 *
 * @example
 * PUBLIC_NOTICE_DAYS //=> 30
 */
export const PUBLIC_NOTICE_DAYS = 30

/**
 * The rule that attributed an account's frozen money:
 * `single_victim` — case 1, one victim's money reached the account (art. 8(1));
 * `time_ordered` — case 2, the time order of deposits identifies each victim (art. 8(2));
 * `rateable` — case 3, shared in proportion to losses after the 30-day notice (art. 8(3));
 * `unattributed` — no victim's money reached the account: everything stays frozen.
  *
  * @example
  * restitutionPlan(report, frozen).accounts.map((a) => a.rule) //=> ['single_victim', 'time_ordered']
 */
export type RestitutionRule = 'single_victim' | 'time_ordered' | 'rateable' | 'unattributed'

/**
 * Options of {@link restitutionPlan}.
 *
 * @example
 * restitutionPlan(report, frozen, { attributable: false, restored: { V1: '500.00' } })
 */
export interface RestitutionOptions {
  /**
   * Whether the trace's time order identifies each victim's money (default `true`). `false`
   * (the police or court find it cannot) shares multi-victim accounts rateably, whatever the method.
   */
  readonly attributable?: boolean
  /** Money already restored to victims outside this report (e.g. earlier returns), decimal strings by victim id. */
  readonly restored?: Readonly<Record<string, string>>
}

/**
 * The plan for one frozen account.
 *
 * @example
 * restitutionPlan(report, { M: '2400.00' }).accounts[0]!.returns //=> { A: '400.00', B: '2000.00' }
 */
export interface AccountRestitution {
  readonly account: string
  readonly frozen: string
  /** Case of art. 8: 1, 2, 3, or `null` when no victim's money reached the account. */
  readonly case: 1 | 2 | 3 | null
  readonly rule: RestitutionRule
  /** The tracing method whose result the attribution rests on (the report's method). */
  readonly tracing: Method
  /** Amount returned to each victim whose money reached the account (keys sorted; may be `0.00`). */
  readonly returns: Readonly<Record<string, string>>
  /** What stays frozen: money the trace attributes to no victim, or above the victims' unrestored losses. */
  readonly staysFrozen: string
  /** Case 3: the return waits for a public notice of {@link PUBLIC_NOTICE_DAYS} days. */
  readonly needsPublicNotice: boolean
  readonly noticeDays?: number
  /** The rule in words. */
  readonly ruleText: { readonly zh: string; readonly en: string }
  /** Why amounts differ from the traced ones (scaled down, capped), if they do. */
  readonly notes: readonly string[]
}

/**
 * The plan for one victim.
 *
 * @example
 * restitutionPlan(report, frozen).victims[0]!.explanation.zh
 */
export interface VictimRestitution {
  readonly id: string
  readonly name?: string
  readonly loss: string
  /** Restored before this plan: money the trace found back in victims' accounts plus `options.restored`. */
  readonly restoredBefore: string
  /** Returned by this plan, all accounts together. */
  readonly returned: string
  /** Loss still not restored after this plan. */
  readonly remaining: string
  /** Amount per frozen account (keys sorted; only accounts returning something). */
  readonly fromAccounts: Readonly<Record<string, string>>
  readonly rules: readonly RestitutionRule[]
  readonly needsPublicNotice: boolean
  /** Plain-language explanation, stating the rules used. */
  readonly explanation: { readonly zh: string; readonly en: string }
}

/**
 * A restitution plan. Per account, `Σ returns + staysFrozen = frozen` exactly.
 *
 * @example
 * const { totals } = restitutionPlan(report, frozen) // totals.returned + totals.staysFrozen = totals.frozen
 */
export interface RestitutionPlan {
  readonly caseId: string
  readonly currency: string
  /** The tracing method the attribution rests on (for a `method: 'all'` comparison report, its `methods.base`). */
  readonly method: Method
  readonly attributable: boolean
  /** Accounts in processing order: attributed (cases 1, 2), then shared (case 3), then unattributed; each by account id. */
  readonly accounts: readonly AccountRestitution[]
  /** Victims in the report's order. */
  readonly victims: readonly VictimRestitution[]
  readonly totals: { readonly frozen: string; readonly returned: string; readonly staysFrozen: string }
}

interface Work {
  account: string
  frozen: bigint
  victims: string[]
  held: Map<string, bigint>
  case: 1 | 2 | 3 | null
}

/**
 * Plans the return of frozen money, per frozen account (amounts in `frozen`, decimal strings by
 * account id):
 *
 * 1. **One victim's money reached it** (case 1): the victim's traced amount there (the report's
 *    `held`) returns to that victim.
 * 2. **Several victims, time-ordered method** (`fifo` Clayton's case, `lifo`, `victim_last`
 *    lowest intermediate balance) and `attributable` not `false` (case 2): each victim's traced
 *    amount there returns to that victim.
 * 3. **Several victims, `pro_rata` or `attributable: false`** (case 3): the victims' money there
 *    (their traced amounts together, at most what is frozen) is shared among every victim whose
 *    money reached the account in proportion to their **losses**, by largest remainder in minor
 *    units with ties by victim id; flagged `needsPublicNotice` (30 days).
 *
 * If less is frozen than was traced (money left after `asOf`), cases 1 and 2 scale the traced
 * amounts down in proportion (largest remainder). No victim receives more than the loss not yet
 * restored (loss − returned in the trace − `restored`): tracked across accounts in a fixed order —
 * cases 1 and 2 first, then case 3, each by account id — and a share a capped victim cannot take
 * in case 3 goes to the others in proportion to their losses. What no victim can take stays
 * frozen. Every fen is accounted for. Amounts are exact (`bigint` inside, decimal strings out).
 *
 * @example
 * // Victims A (loss 1,000.00) and B (2,000.00) both paid mule M; M is frozen with 1,500.00.
 * restitutionPlan(report, { M: '1500.00' }, { attributable: false }).accounts[0]
 * //=> { account: 'M', case: 3, rule: 'rateable', returns: { A: '500.00', B: '1000.00' }, staysFrozen: '0.00', needsPublicNotice: true, … }
 */
export function restitutionPlan(report: Report, frozen: Readonly<Record<string, string>>, options: RestitutionOptions = {}): RestitutionPlan {
  assertInScope(report.caseType)
  const digits = digitsOf(report.currency)
  const method = tracingMethod(report)
  const attributable = options.attributable ?? true
  if (frozen === null || typeof frozen !== 'object' || Array.isArray(frozen)) {
    throw new FundtraceError([{ code: 'invalid_option', message: 'fundtrace/plan: frozen must be an object of decimal amounts keyed by account id', path: ['frozen'] }])
  }
  const accounts = accountIndex(report)
  const position = new Map(report.accounts.map((a, i) => [a.id, i]))
  const victimIds = new Set(report.victims.map((v) => v.id))

  const loss = new Map<string, bigint>()
  const remaining = new Map<string, bigint>()
  const restoredBefore = new Map<string, bigint>()
  report.victims.forEach((v, i) => {
    const l = toMinor(v.loss, digits, ['victims', i, 'loss'])
    const before = toMinor(v.returned, digits, ['victims', i, 'returned'])
      + (options.restored?.[v.id] === undefined ? 0n : toMinor(options.restored[v.id], digits, ['restored', v.id]))
    loss.set(v.id, l)
    restoredBefore.set(v.id, before)
    remaining.set(v.id, l > before ? l - before : 0n)
  })

  const works: Work[] = Object.keys(frozen).sort(compareCodePoints).map((id) => {
    const amount = toMinor(frozen[id], digits, ['frozen', id])
    const account = accounts.get(id)
    const held = new Map<string, bigint>()
    const reached: string[] = []
    if (account) {
      const index = position.get(id)!
      for (const v of new Set([...Object.keys(account.received), ...Object.keys(account.held)])) {
        if (!victimIds.has(v)) continue
        const r = account.received[v] === undefined ? 0n : toMinor(account.received[v], digits, ['accounts', index, 'received', v])
        const h = account.held[v] === undefined ? 0n : toMinor(account.held[v], digits, ['accounts', index, 'held', v])
        if (r > 0n || h > 0n) reached.push(v)
        held.set(v, h)
      }
    }
    reached.sort(compareCodePoints)
    const c = reached.length === 0 ? null : reached.length === 1 ? 1 : attributable && method !== 'pro_rata' ? 2 : 3
    return { account: id, frozen: amount, victims: reached, held, case: c }
  })
  const order = (w: Work) => (w.case === 1 || w.case === 2 ? 0 : w.case === 3 ? 1 : 2)
  works.sort((a, b) => order(a) - order(b) || compareCodePoints(a.account, b.account))

  const fromAccounts = new Map<string, Map<string, bigint>>(report.victims.map((v) => [v.id, new Map()]))
  const rulesOf = new Map<string, Set<RestitutionRule>>(report.victims.map((v) => [v.id, new Set()]))
  const results: AccountRestitution[] = []
  const capped = new Set<string>()

  for (const w of works) {
    const give = new Map<string, bigint>(w.victims.map((v) => [v, 0n]))
    const notes: string[] = []
    if (w.case === 1 || w.case === 2) {
      const traced = w.victims.map((v) => [v, w.held.get(v) ?? 0n] as const)
      const total = traced.reduce((s, [, h]) => s + h, 0n)
      let alloc = new Map(traced)
      if (total > w.frozen) {
        alloc = apportion(w.frozen, traced)
        notes.push(`frozen ${fmt(w.frozen, digits)} is less than the ${fmt(total, digits)} traced to victims; traced amounts scaled down in proportion (re-trace with asOf at the freeze for exact figures)`)
      }
      for (const [v, a] of alloc) {
        const cap = remaining.get(v) ?? 0n
        const g = a < cap ? a : cap
        if (g < a) capped.add(v)
        if (g < a) notes.push(`${v}: ${fmt(a - g, digits)} above the loss not yet restored stays frozen`)
        give.set(v, g)
        remaining.set(v, cap - g)
      }
    } else if (w.case === 3) {
      const victimMoney = w.victims.reduce((s, v) => s + (w.held.get(v) ?? 0n), 0n)
      let pool = victimMoney < w.frozen ? victimMoney : w.frozen
      let active = w.victims.filter((v) => (remaining.get(v) ?? 0n) > 0n && (loss.get(v) ?? 0n) > 0n)
      while (pool > 0n && active.length > 0) {
        const shares = apportion(pool, active.map((v) => [v, loss.get(v)!] as const))
        const over = active.filter((v) => shares.get(v)! > remaining.get(v)!)
        if (over.length === 0) {
          for (const v of active) {
            give.set(v, give.get(v)! + shares.get(v)!)
            remaining.set(v, remaining.get(v)! - shares.get(v)!)
          }
          pool = 0n
          break
        }
        for (const v of over) {
          const cap = remaining.get(v)!
          give.set(v, give.get(v)! + cap)
          remaining.set(v, 0n)
          capped.add(v)
          pool -= cap
          notes.push(`${v}: share capped at the loss not yet restored (${fmt(cap, digits)}); the rest shared among the others`)
        }
        active = active.filter((v) => !over.includes(v))
      }
      if (pool > 0n) notes.push(`${fmt(pool, digits)} of victims' money is left once every victim here is fully restored; it stays frozen`)
    }
    const returned = [...give.values()].reduce((s, g) => s + g, 0n)
    const rule: RestitutionRule = w.case === 1 ? 'single_victim' : w.case === 2 ? 'time_ordered' : w.case === 3 ? 'rateable' : 'unattributed'
    for (const [v, g] of give) {
      rulesOf.get(v)!.add(rule)
      if (g > 0n) fromAccounts.get(v)!.set(w.account, g)
    }
    if (w.case === null) notes.push(accounts.has(w.account) ? 'no victim money reached this account in the trace' : 'account not in the report: no victim money traced to it')
    results.push({
      account: w.account,
      frozen: fmt(w.frozen, digits),
      case: w.case,
      rule,
      tracing: method,
      returns: Object.fromEntries([...give].map(([v, g]) => [v, fmt(g, digits)])),
      staysFrozen: fmt(w.frozen - returned, digits),
      needsPublicNotice: w.case === 3,
      ...(w.case === 3 ? { noticeDays: PUBLIC_NOTICE_DAYS } : {}),
      ruleText: ruleText(rule, method),
      notes,
    })
  }

  const byAccount = new Map(results.map((r) => [r.account, r]))
  const victims: VictimRestitution[] = report.victims.map((v) => {
    const from = [...fromAccounts.get(v.id)!].sort(([a], [b]) => compareCodePoints(a, b))
    const returned = from.reduce((s, [, g]) => s + g, 0n)
    const rules = [...rulesOf.get(v.id)!].filter((r) => r !== 'unattributed')
    const l = loss.get(v.id)!
    const before = restoredBefore.get(v.id)!
    const left = l - before - returned
    const needsNotice = from.some(([a]) => byAccount.get(a)!.needsPublicNotice)
    return {
      id: v.id,
      ...(v.name !== undefined ? { name: v.name } : {}),
      loss: v.loss,
      restoredBefore: fmt(before, digits),
      returned: fmt(returned, digits),
      remaining: fmt(left > 0n ? left : 0n, digits),
      fromAccounts: Object.fromEntries(from.map(([a, g]) => [a, fmt(g, digits)])),
      rules,
      needsPublicNotice: needsNotice,
      explanation: explainVictim({
        id: v.id, name: v.name, currency: report.currency, digits, method,
        loss: l, restoredBefore: before, returned, remaining: left > 0n ? left : 0n,
        parts: from.map(([a, g]) => ({ account: a, amount: g, rule: byAccount.get(a)!.rule })),
        capped: capped.has(v.id),
      }),
    }
  })

  const totalFrozen = works.reduce((s, w) => s + w.frozen, 0n)
  const totalReturned = victims.reduce((s, v) => s + toMinor(v.returned, digits, []), 0n)
  return {
    caseId: report.caseId,
    currency: report.currency,
    method,
    attributable,
    accounts: results,
    victims,
    totals: { frozen: fmt(totalFrozen, digits), returned: fmt(totalReturned, digits), staysFrozen: fmt(totalFrozen - totalReturned, digits) },
  }
}

/** The method whose amounts fill the report: its `method`, or for a comparison (`all`) report the base method. */
function tracingMethod(report: Report): Method {
  if (report.method !== 'all') return report.method
  const base = report.methods?.base
  if (base === undefined) {
    throw new FundtraceError([{ code: 'invalid_option', message: "fundtrace/plan: a method 'all' report without methods.base cannot say which method its held amounts follow", path: ['methods', 'base'] }])
  }
  return base
}
