import { rankCollected, type Action, type Rankable } from '../plan/actions.js'
import type { AccountTrace, TraceResult } from '../trace/index.js'

/** One case's share of a joint action, in minor units. */
export interface CaseShare extends Rankable {
  readonly jointRank: number
  readonly hold?: Action['hold']
  /** Acts on this case's money still catchable there; ranks before the case's unfunded actions. */
  readonly funded: boolean
}

/** A case's share of the victim money at one account. */
interface AccountShare {
  received: bigint
  held: bigint
  pending: bigint
  level: number
}

/**
 * Each case's own actions, ranked 1…n within the case by the recommendation order, case by case
 * (`caseOf` maps a joint victim id to its case number). A case gets its share of every joint
 * action on money of its victims:
 * - funded `stop_payment` / `escalate_platform`: the case's settled held money there (held minus
 *   pending, as the joint amount is); a case that holds none of it there gets the action as
 *   unfunded, for the amount of its money the account received;
 * - unfunded `stop_payment`: the case's received amount;
 * - `delay_credit` / `return_to_origin`: the case's money in that pending transfer;
 * - `reverse_transaction`: the whole amount, to the case of the victim whose transfer it is.
 * The funded shares of a funded joint action, and the shares of an unfunded one, sum to its amount.
 * Levels are the case's own (fewest hops its victims' money took to the account).
 */
export function caseShares(result: TraceResult, joint: readonly Action[], caseOf: ReadonlyMap<string, number>, caseCount: number): (CaseShare & { readonly rank: number })[][] {
  const accounts = new Map(result.accounts.map((a) => [a.id, a]))
  const pendingOf = pendingByAccount(result)
  const sharesOf = new Map<string, Map<number, AccountShare>>()
  const sharesAt = (account: string) => {
    let shares = sharesOf.get(account)
    if (shares === undefined) sharesOf.set(account, (shares = accountShares(accounts.get(account), pendingOf.get(account), caseOf)))
    return shares
  }
  const flights = new Map(result.inFlight.map((f) => [f.transfer.id, f]))
  const reversible = new Map(result.reversible.map((r) => [r.transfer.id, r]))
  const collected = Array.from({ length: caseCount }, () => ({ funded: [] as CaseShare[], unfunded: [] as CaseShare[] }))
  const add = (caseNo: number, j: Action, amount: bigint, funded: boolean, level: number) => {
    const share: CaseShare = {
      jointRank: j.rank, kind: j.kind, account: j.account, ...(j.hold !== undefined ? { hold: j.hold } : {}),
      amount, level, funded, ...(j.transfer !== undefined ? { transfer: j.transfer } : {}),
    }
    collected[caseNo]![funded ? 'funded' : 'unfunded'].push(share)
  }

  for (const j of joint) {
    const shares = sharesAt(j.account)
    const levelOf = (caseNo: number) => shares.get(caseNo)?.level ?? j.level
    if (j.kind === 'stop_payment' || j.kind === 'escalate_platform') {
      for (const [caseNo, s] of shares) {
        const settled = s.held - s.pending
        if (j.funded && settled > 0n) add(caseNo, j, settled, true, s.level)
        else add(caseNo, j, s.received, false, s.level)
      }
    } else if (j.kind === 'reverse_transaction') {
      const caseNo = caseOf.get(reversible.get(j.transfer!)!.victim)!
      add(caseNo, j, j.amount, true, levelOf(caseNo))
    } else {
      for (const [caseNo, amount] of sumByCase(flights.get(j.transfer!)!.byVictim, caseOf)) add(caseNo, j, amount, true, levelOf(caseNo))
    }
  }
  return collected.map(rankCollected)
}

function pendingByAccount(result: TraceResult): Map<string, Map<string, bigint>> {
  const out = new Map<string, Map<string, bigint>>()
  for (const f of result.inFlight) {
    let byVictim = out.get(f.account)
    if (byVictim === undefined) out.set(f.account, (byVictim = new Map()))
    for (const [victim, amount] of f.byVictim) byVictim.set(victim, (byVictim.get(victim) ?? 0n) + amount)
  }
  return out
}

/** Per case whose victims' money reached `account`: received, held, pending and level there. */
function accountShares(account: AccountTrace | undefined, pending: ReadonlyMap<string, bigint> | undefined, caseOf: ReadonlyMap<string, number>): Map<number, AccountShare> {
  const out = new Map<number, AccountShare>()
  if (account === undefined) return out
  const shareOf = (victim: string) => {
    const caseNo = caseOf.get(victim)!
    const level = account.levels.get(victim) ?? account.level
    let share = out.get(caseNo)
    if (share === undefined) out.set(caseNo, (share = { received: 0n, held: 0n, pending: 0n, level }))
    else share.level = Math.min(share.level, level)
    return share
  }
  for (const [victim, received] of account.received) shareOf(victim).received += received
  for (const [victim, held] of account.held) shareOf(victim).held += held
  for (const [victim, amount] of pending ?? []) shareOf(victim).pending += amount
  return out
}

function sumByCase(byVictim: ReadonlyMap<string, bigint>, caseOf: ReadonlyMap<string, number>): Map<number, bigint> {
  const out = new Map<number, bigint>()
  for (const [victim, amount] of byVictim) {
    const caseNo = caseOf.get(victim)!
    out.set(caseNo, (out.get(caseNo) ?? 0n) + amount)
  }
  return out
}
