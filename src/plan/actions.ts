import { currencyDigits, formatAmountGrouped, parseBalance } from '../case/money.js'
import { FundtraceError } from '../errors/index.js'
import { compareCodePoints } from '../ledger/index.js'
import type { ActionKind, Hold } from '../report/types.js'
import type { AccountTrace, TraceResult } from '../trace/index.js'
import { DEFAULT_POLICY, type Policy } from './policy.js'
import { assertInScope } from './scope.js'

/** A recommended action, amounts in minor units. */
export interface Action {
  readonly rank: number
  readonly kind: ActionKind
  readonly account: string
  readonly hold?: Hold
  readonly amount: bigint
  readonly level: number
  /** Acts on money still catchable (held or in flight); funded actions all rank before unfunded ones. */
  readonly funded: boolean
  readonly transfer?: string
  readonly remark?: string
  readonly reason: string
}

/** An action before ranking. */
export type Unranked = Omit<Action, 'rank'>

/** What the recommendation order looks at. */
export type Rankable = Pick<Unranked, 'kind' | 'account' | 'amount' | 'level' | 'transfer'>

const KIND_ORDER: readonly ActionKind[] = ['stop_payment', 'escalate_platform', 'delay_credit', 'return_to_origin', 'reverse_transaction']

/**
 * The ranked stop-payment / freeze actions of a trace, in the playbook's order: every action on
 * catchable money first (larger amount, then lower level, then account id), then unfunded
 * involved accounts (lower level, then more received, then id). Ranks are 1…n, a total order.
 *
 * @example
 * const actions = rankActions(trace(caseFile))
 * actions[0] //=> { rank: 1, kind: 'stop_payment', hold: 'long_term', amount: 1200000n, … }
 */
export function rankActions(result: TraceResult, policy: Policy = DEFAULT_POLICY): Action[] {
  return rankCollected(collectActions(result, policy))
}

/**
 * Ranks collected actions 1…n in the recommendation order: `funded` ones first (larger amount,
 * lower level, account id), then `unfunded` ones (lower level, larger amount, account id); equal
 * ones by kind, then transfer id. Sorts the two arrays in place; extra fields are kept.
 *
 * @example
 * rankCollected({ funded: [], unfunded: [a, b] }).map((x) => x.rank) //=> [1, 2]
 */
export function rankCollected<T extends Rankable>(collected: { readonly funded: T[]; readonly unfunded: T[] }): (T & { readonly rank: number })[] {
  collected.funded.sort(compareFunded)
  collected.unfunded.sort(compareUnfunded)
  return [...collected.funded, ...collected.unfunded].map((action, i) => ({ rank: i + 1, ...action }))
}

/**
 * The actions of a trace before ranking: on catchable money (`funded`) and on involved accounts
 * that hold nothing now (`unfunded`).
 *
 * @example
 * collectActions(trace(caseFile), DEFAULT_POLICY).funded.length
 */
export function collectActions(result: TraceResult, policy: Policy = DEFAULT_POLICY): { funded: Unranked[]; unfunded: Unranked[] } {
  const caseType = result.case.caseType
  assertInScope(caseType)
  const holds = policy.holds[caseType as keyof Policy['holds']]
  const digits = currencyDigits(result.case.currency) ?? 2
  const minimum = minimumOf(policy, digits)
  const money = (minor: bigint) => formatAmountGrouped(minor, digits)
  const funded: Unranked[] = []
  const unfunded: Unranked[] = []

  for (const account of result.accounts) {
    const settled = account.heldTotal - account.pendingTotal
    if (settled > 0n && settled >= minimum) {
      const reason = `holds ${money(settled)} ${describeHeld(account, digits)}`
      if (policy.escalateKinds.includes(account.kind)) {
        funded.push({ kind: 'escalate_platform', account: account.id, amount: settled, level: account.level, funded: true, reason: `${reason}; recover through the provincial anti-fraud centre` })
      } else if (policy.stoppableKinds.includes(account.kind)) {
        funded.push({ kind: 'stop_payment', account: account.id, hold: holds.funded, amount: settled, level: account.level, funded: true, remark: policy.remark, reason })
      }
    } else if (account.heldTotal === 0n && policy.stoppableKinds.includes(account.kind)) {
      let received = 0n
      for (const amount of account.received.values()) received += amount
      if (received >= minimum) {
        unfunded.push({
          kind: 'stop_payment', account: account.id, hold: holds.unfunded, amount: received, level: account.level, funded: false,
          remark: policy.remark, reason: `received ${money(received)} of victim money and holds none now; stop it before more arrives`,
        })
      }
    }
  }
  const levelOf = new Map(result.accounts.map((a) => [a.id, a.level]))
  for (const flight of result.inFlight) {
    if (flight.amount < minimum) continue
    const crossBorder = flight.transfer.channel === 'cross_border_in'
    funded.push({
      kind: crossBorder ? 'return_to_origin' : 'delay_credit', account: flight.account, amount: flight.amount,
      level: levelOf.get(flight.account) ?? flight.level, funded: true, transfer: flight.transfer.id,
      reason: crossBorder
        ? `inbound cross-border remittance ${flight.transfer.id} carrying ${money(flight.amount)} of victim money is not yet credited; return it to origin`
        : `transfer ${flight.transfer.id} carrying ${money(flight.amount)} of victim money is not yet credited; delay crediting it`,
    })
  }
  for (const item of result.reversible) {
    if (item.amount < minimum) continue
    funded.push({
      kind: 'reverse_transaction', account: item.account, amount: item.amount, level: levelOf.get(item.account) ?? 1, funded: true,
      transfer: item.transfer.id, reason: `${item.victim}'s counter transfer ${item.transfer.id}: ${money(item.amount)} of it is still in the receiving account; reverse it`,
    })
  }
  return { funded, unfunded }
}

function describeHeld(account: AccountTrace, digits: number): string {
  const parts = [...account.held].filter(([, amount]) => amount > 0n)
  if (parts.length === 1) return `of ${parts[0]![0]}'s money`
  return `of victim money (${parts.map(([v, amount]) => `${v} ${formatAmountGrouped(amount, digits)}`).join('; ')})`
}

function minimumOf(policy: Policy, digits: number): bigint {
  const parsed = parseBalance(policy.minActionAmount, digits)
  if (!parsed.ok) throw new FundtraceError([{ code: 'invalid_option', message: `policy.minActionAmount: ${parsed.message}`, path: ['policy', 'minActionAmount'] }])
  return parsed.value
}

function compareFunded(a: Rankable, b: Rankable): number {
  return compareBigDesc(a.amount, b.amount) || a.level - b.level || compareCodePoints(a.account, b.account) || tieBreak(a, b)
}

function compareUnfunded(a: Rankable, b: Rankable): number {
  return a.level - b.level || compareBigDesc(a.amount, b.amount) || compareCodePoints(a.account, b.account) || tieBreak(a, b)
}

/** Orders actions on the same account and amount: by kind, then transfer id. */
export function tieBreak(a: Rankable, b: Rankable): number {
  return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || compareCodePoints(a.transfer ?? '', b.transfer ?? '')
}

/** Larger first. */
export function compareBigDesc(a: bigint, b: bigint): number {
  return a > b ? -1 : a < b ? 1 : 0
}
