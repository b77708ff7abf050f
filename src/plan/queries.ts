import { compareCodePoints } from '../ledger/index.js'
import type { TraceResult } from '../trace/index.js'

/** A statement the analyst should pull next (明细查询). Times are epoch ms. */
export interface NextQuery {
  readonly account: string
  readonly institution?: string
  readonly branch?: string
  readonly from: number
  readonly to: number
  readonly heldTotal: bigint
  readonly level: number
  readonly reason: string
}

const SINKS = new Set(['cash', 'external'])

/**
 * The statements to pull next: accounts that received victim money whose statement is not yet
 * queried (`statementThrough` absent) or ends before the money's last arrival — ordered like
 * the actions (catchable amount, level, id). Sinks (ATM cash, overseas) have no statement.
 *
 * @example
 * nextQueries(trace(caseFile))[0] //=> { account: '6222…', from: …, to: …, reason: 'received victim money; statement not yet queried' }
 */
export function nextQueries(result: TraceResult): NextQuery[] {
  const end = result.asOf ?? result.case.reportedAt ?? latestArrival(result)
  const queries: NextQuery[] = []
  for (const account of result.accounts) {
    if (SINKS.has(account.kind)) continue
    const through = account.meta?.statementThrough
    if (through !== undefined && through >= account.lastArrival) continue
    queries.push({
      account: account.id,
      ...(account.meta?.institution !== undefined ? { institution: account.meta.institution } : {}),
      ...(account.meta?.branch !== undefined ? { branch: account.meta.branch } : {}),
      from: through ?? account.firstArrival,
      to: end,
      heldTotal: account.heldTotal,
      level: account.level,
      reason: through === undefined
        ? 'received victim money; statement not yet queried'
        : 'received victim money after the end of its statement; query the rest',
    })
  }
  return queries.sort((a, b) => (a.heldTotal > b.heldTotal ? -1 : a.heldTotal < b.heldTotal ? 1 : 0) || a.level - b.level || compareCodePoints(a.account, b.account))
}

/** Without asOf or reportedAt, the window ends at the last arrival of victim money: unrelated transfers never move it. */
function latestArrival(result: TraceResult): number {
  let latest = 0
  for (const a of result.accounts) if (a.lastArrival > latest) latest = a.lastArrival
  return latest
}
