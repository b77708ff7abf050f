import type { Warning } from '../errors/index.js'
import { codePointOrderOf, compareCodePoints, compareTransfers, KIND_BY_CODE, type Ledger } from '../ledger/index.js'
import type { Method } from '../report/types.js'
import { OTHER, type Lot } from './lot.js'
import type { SweepState } from './sweep.js'
import type { AccountTrace, Flow, InFlight, Reversible, TraceResult, VictimSheet } from './types.js'


/**
 * Turns the sweep's raw state into the public, id-keyed, deterministically ordered result.
 */
export function assembleResult(ledger: Ledger, state: SweepState, method: Method, maxLevel: number | null): TraceResult {
  const { victimIds, accountIds } = ledger
  const heldByVictim = new Array<bigint>(victimIds.length).fill(0n)
  const accounts: AccountTrace[] = []
  const inFlight: InFlight[] = []
  const reversible: Reversible[] = []

  for (const arrivals of state.arrivals.values()) {
    const account = arrivals.account
    const level = minLevel(arrivals.levels)
    const held = new Map<number, bigint>()
    let pendingTotal = 0n
    const pool = state.pools.get(account)
    if (pool) {
      const direct = pool.tally ? pool.tally(held) : tallyLots(pool.victimLots(), held)
      if (direct !== undefined) collectReversible(ledger, account, direct, reversible)
      const pending = pool.pending
      if (pending.length > 0) pendingTotal = collectPending(ledger, account, level, pending, held, inFlight)
    }
    let heldTotal = 0n
    held.forEach((amount, origin) => {
      heldByVictim[origin]! += amount
      heldTotal += amount
    })
    const meta = ledger.accountMeta[account]
    accounts.push({
      id: accountIds[account]!,
      kind: KIND_BY_CODE[ledger.kind[account]!]!,
      ...(meta ? { meta } : {}),
      level,
      levels: keyByVictim(arrivals.levels, victimIds),
      received: keyByVictim(arrivals.received, victimIds),
      held: keyByVictim(held, victimIds),
      heldTotal,
      pendingTotal,
      firstArrival: arrivals.first,
      lastArrival: arrivals.last,
    })
  }
  const byId = codePointOrderOf(accounts.map((a) => a.id))
  accounts.sort((a, b) => a.level - b.level || byId(a.id, b.id))
  inFlight.sort((a, b) => compareTransfers(a.transfer, b.transfer))
  reversible.sort((a, b) => compareTransfers(a.transfer, b.transfer))

  const victimsById = new Map(ledger.source.victims.map((v) => [v.id, v]))
  const victims: VictimSheet[] = victimIds.map((id, v) => {
    const source = victimsById.get(id)!
    return {
      id,
      ...(source.name !== undefined ? { name: source.name } : {}),
      holderType: source.holderType,
      loss: state.loss[v]!,
      held: heldByVictim[v]!,
      exited: state.exited[v]!,
      returned: state.returned[v]!,
      beyond: state.beyond[v]!,
    }
  })

  const result = {
    case: ledger.source,
    method,
    maxLevel,
    asOf: ledger.asOf,
    victims,
    accounts,
    flows: [] as Flow[],
    inFlight,
    reversible,
    warnings: collectWarnings(ledger, state),
  }
  // flows are gathered on first read: a report without them never pays for them
  let flows: Flow[] | undefined
  Object.defineProperty(result, 'flows', {
    enumerable: true,
    configurable: true,
    get: () => (flows ??= collectFlows(ledger, state)),
  })
  return result
}

/** Counter transfers of a victim whose money (`direct`: per transfer, in lots it delivered) is still in the account: reversible. */
function collectReversible(ledger: Ledger, account: number, direct: ReadonlyMap<number, bigint>, out: Reversible[]): void {
  for (const [pos, amount] of direct) {
    const transfer = ledger.transferAt(pos)
    if (transfer.channel !== 'counter') continue
    out.push({ transfer, account: ledger.accountIds[account]!, victim: ledger.victimIds[ledger.fraudOf[pos]!]!, amount })
  }
}

/** Adds pending lots to `held` and their transfers to `out` (money catchable in flight); returns their sum. */
function collectPending(ledger: Ledger, account: number, level: number, pending: readonly Lot[], held: Map<number, bigint>, out: InFlight[]): bigint {
  let total = 0n
  const byTransfer = new Map<number, Map<number, bigint>>()
  for (const lot of pending) {
    held.set(lot.origin, (held.get(lot.origin) ?? 0n) + lot.amount)
    total += lot.amount
    let byVictim = byTransfer.get(lot.via)
    if (!byVictim) byTransfer.set(lot.via, (byVictim = new Map()))
    byVictim.set(lot.origin, (byVictim.get(lot.origin) ?? 0n) + lot.amount)
  }
  for (const [pos, byVictim] of byTransfer) {
    let amount = 0n
    for (const a of byVictim.values()) amount += a
    out.push({ transfer: ledger.transferAt(pos), account: ledger.accountIds[account]!, amount, byVictim: keyByVictim(byVictim, ledger.victimIds), level })
  }
  return total
}

/** The generic {@link HeldPool.tally}: sums lot objects. */
function tallyLots(lots: readonly Lot[], held: Map<number, bigint>): Map<number, bigint> {
  const direct = new Map<number, bigint>()
  for (const lot of lots) {
    held.set(lot.origin, (held.get(lot.origin) ?? 0n) + lot.amount)
    if (lot.depth === 1) direct.set(lot.via, (direct.get(lot.via) ?? 0n) + lot.amount)
  }
  return direct
}

function collectFlows(ledger: Ledger, state: SweepState): Flow[] {
  const flows: Flow[] = []
  const log = state.flows
  let i = 0
  const n = log.length
  while (i < n) {
    const pos = log.pos(i)
    const carried = new Map<number, bigint>()
    for (; i < n && log.pos(i) === pos; i++) {
      const origin = log.origin(i)
      carried.set(origin, (carried.get(origin) ?? 0n) + log.amount(i))
    }
    flows.push({ transfer: ledger.transferAt(pos), carried: keyByVictim(carried, ledger.victimIds) })
  }
  return flows
}

function collectWarnings(ledger: Ledger, state: SweepState): Warning[] {
  const warnings: Warning[] = [...state.warnings]
  let otherLate = 0
  const fraudIds = ledger.afterAsOf.length === 0 ? new Set<string>() : new Set(ledger.source.victims.flatMap((v) => v.transfers))
  for (const t of ledger.afterAsOf) {
    if (fraudIds.has(t.id)) {
      warnings.push({ code: 'after_as_of', message: `victim transfer ${t.id} is after asOf and was not traced`, path: ['transfers', t.id] })
    } else otherLate++
  }
  if (otherLate > 0) {
    const first = ledger.afterAsOf.find((t) => !fraudIds.has(t.id))!
    warnings.push({ code: 'after_as_of', message: `${otherLate} other transfer(s) after asOf were ignored (first: ${first.id})`, path: ['transfers', first.id] })
  }
  for (const account of state.arrivals.keys()) {
    const count = state.plainTouches[account]!
    if (count > 0) {
      const id = ledger.accountIds[account]!
      const first = ledger.transferAt(state.firstPlainTouch[account]!)
      warnings.push({
        code: 'unreachable',
        message: `${count} transfer(s) in or out of involved account ${id} carried no victim money (first: ${first.id})`,
        path: ['accounts', id],
      })
    }
  }
  return sortWarnings(warnings)
}

/** Warnings by code, then path, then message (each path joined once, not per comparison). */
function sortWarnings(warnings: readonly Warning[]): Warning[] {
  const keyed = warnings.map((warning) => ({ warning, path: warning.path.join('\u0000') }))
  const order = codePointOrderOf(keyed.map((k) => k.path))
  keyed.sort((a, b) => compareCodePoints(a.warning.code, b.warning.code) || order(a.path, b.path) || compareCodePoints(a.warning.message, b.warning.message))
  return keyed.map((k) => k.warning)
}

function keyByVictim<T>(byOrigin: ReadonlyMap<number, T>, victimIds: readonly string[]): Map<string, T> {
  // forEach, not for…of: no iterator or entry objects for each of thousands of small maps
  let sorted = true
  let last = -1
  byOrigin.forEach((_, origin) => {
    if (origin === OTHER) return
    if (origin < last) sorted = false
    last = origin
  })
  if (!sorted) return keyBySortedVictim(byOrigin, victimIds)
  const out = new Map<string, T>()
  byOrigin.forEach((value, origin) => {
    if (origin !== OTHER) out.set(victimIds[origin]!, value)
  })
  return out
}

function keyBySortedVictim<T>(byOrigin: ReadonlyMap<number, T>, victimIds: readonly string[]): Map<string, T> {
  const origins: number[] = []
  for (const origin of byOrigin.keys()) if (origin !== OTHER) origins.push(origin)
  sortNumbers(origins)
  const out = new Map<string, T>()
  for (const origin of origins) out.set(victimIds[origin]!, byOrigin.get(origin)!)
  return out
}

/** Ascending, in place; short lists (the usual few victims per account) by insertion, without the library sort's scratch. */
function sortNumbers(xs: number[]): void {
  if (xs.length > 16) {
    xs.sort((a, b) => a - b)
    return
  }
  for (let i = 1; i < xs.length; i++) {
    const x = xs[i]!
    let j = i - 1
    for (; j >= 0 && xs[j]! > x; j--) xs[j + 1] = xs[j]!
    xs[j + 1] = x
  }
}


/** The lowest level over the victims (a loop: an account may be reached by very many victims). */
function minLevel(levels: ReadonlyMap<number, number>): number {
  let min = Number.POSITIVE_INFINITY
  levels.forEach((level) => {
    if (level < min) min = level
  })
  return min
}
