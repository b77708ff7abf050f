import type { Account, AccountKind } from '../case/types.js'
import type { Warning } from '../errors/index.js'
import { codePointOrderOf, compareCodePoints, compareTransfers, KIND_BY_CODE, type Ledger } from '../ledger/index.js'
import type { Method } from '../report/types.js'
import { OTHER, type Lot } from './lot.js'
import { OriginTotals, sortAscending } from './_origin-totals.js'
import type { OriginTally, SweepState } from './sweep.js'
import type { AccountTrace, Flow, InFlight, Reversible, TraceResult, VictimSheet } from './types.js'


/**
 * Turns the sweep's raw state into the public, id-keyed, deterministically ordered result.
 */
export function assembleResult(ledger: Ledger, state: SweepState, method: Method, maxLevel: number | null): TraceResult {
  const { victimIds, accountIds } = ledger
  const heldByVictim = new Array<bigint>(victimIds.length).fill(0n)
  const traces: AccountTrace[] = []
  const inFlight: InFlight[] = []
  const reversible: Reversible[] = []

  const totals = new OriginTotals(victimIds.length)
  const { arrivals } = state
  for (const account of arrivals.accounts) {
    const levels = new Map<string, number>()
    const received = new Map<string, bigint>()
    let level = Number.POSITIVE_INFINITY
    arrivals.forEachOrigin(account, (origin, originLevel, amount) => {
      const id = victimIds[origin]!
      levels.set(id, originLevel)
      received.set(id, amount)
      if (originLevel < level) level = originLevel
    })
    let pendingTotal = 0n
    const pool = state.pools.get(account)
    if (pool) {
      const direct = pool.tally ? pool.tally(totals) : tallyLots(pool.victimLots(), totals)
      if (direct !== undefined) collectReversible(ledger, account, direct, reversible)
      const pending = pool.pending
      if (pending.length > 0) pendingTotal = collectPending(ledger, account, level, pending, totals, inFlight)
    }
    const held = new Map<string, bigint>()
    let heldTotal = 0n
    totals.drain((origin, amount) => {
      heldByVictim[origin]! += amount
      heldTotal += amount
      held.set(victimIds[origin]!, amount)
    })
    traces.push(accountTrace(accountIds[account]!, KIND_BY_CODE[ledger.kind[account]!]!, ledger.accountMeta[account], {
      level, levels, received, held, heldTotal, pendingTotal, firstArrival: arrivals.first(account), lastArrival: arrivals.last(account),
    }))
  }
  // one sort by id serves the accounts (by level, then id: a stable sort by level) and the warnings
  const byId = positionsById(traces)
  const accounts = byLevel(byId, traces).map((i) => traces[i]!)
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
    warnings: collectWarnings(ledger, state, byId.map((i) => arrivals.accounts[i]!)),
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
function collectPending(ledger: Ledger, account: number, level: number, pending: readonly Lot[], held: OriginTally, out: InFlight[]): bigint {
  let total = 0n
  const byTransfer = new Map<number, Map<number, bigint>>()
  for (const lot of pending) {
    held.add(lot.origin, lot.amount)
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
function tallyLots(lots: readonly Lot[], held: OriginTally): Map<number, bigint> {
  const direct = new Map<number, bigint>()
  for (const lot of lots) {
    held.add(lot.origin, lot.amount)
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

type TraceFields = Omit<AccountTrace, 'id' | 'kind' | 'meta'>

/**
 * One account's trace, `meta` present only when the case has it. Two plain literals, not a
 * spread: a spread object literal is built property by property (measured: most of the time of
 * assembling 7,400 accounts).
 */
function accountTrace(id: string, kind: AccountKind, meta: Account | undefined, f: TraceFields): AccountTrace {
  return meta
    ? { id, kind, meta, level: f.level, levels: f.levels, received: f.received, held: f.held, heldTotal: f.heldTotal, pendingTotal: f.pendingTotal, firstArrival: f.firstArrival, lastArrival: f.lastArrival }
    : { id, kind, level: f.level, levels: f.levels, received: f.received, held: f.held, heldTotal: f.heldTotal, pendingTotal: f.pendingTotal, firstArrival: f.firstArrival, lastArrival: f.lastArrival }
}

/** The positions of `traces`, by account id in code-point order. */
function positionsById(traces: readonly AccountTrace[]): number[] {
  const ids = traces.map((t) => t.id)
  const order = codePointOrderOf(ids)
  return Array.from(ids.keys()).sort((x, y) => order(ids[x]!, ids[y]!))
}

/** The positions `byId` ordered by level, stably (equal levels keep their id order). */
function byLevel(byId: readonly number[], traces: readonly AccountTrace[]): number[] {
  let top = 0
  for (const t of traces) if (t.level > top) top = t.level
  if (top > traces.length) return byId.slice().sort((x, y) => traces[x]!.level - traces[y]!.level)
  // a counting sort: levels are small integers
  const start = new Int32Array(top + 2)
  for (const t of traces) start[t.level + 1]!++
  for (let l = 1; l <= top + 1; l++) start[l]! += start[l - 1]!
  const out = new Array<number>(byId.length)
  for (const i of byId) out[start[traces[i]!.level]!++] = i
  return out
}

/** Every warning, sorted; `involvedById` are the involved accounts in id order. */
function collectWarnings(ledger: Ledger, state: SweepState, involvedById: readonly number[]): Warning[] {
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
  const unreachable: Warning[] = []
  for (const account of involvedById) {
    const count = state.plainTouches[account]!
    if (count > 0) {
      const id = ledger.accountIds[account]!
      const first = ledger.transferIdAt(state.firstPlainTouch[account]!)
      unreachable.push({
        code: 'unreachable',
        message: `${count} transfer(s) in or out of involved account ${id} carried no victim money (first: ${first})`,
        path: ['accounts', id],
      })
    }
  }
  return withBlock(sortWarnings(warnings), unreachable)
}

/**
 * `sorted` with the `unreachable` warnings (one per account, in account id order: their sorted
 * order, their paths being `accounts/<id>`) put in as the block their code sorts them to.
 */
function withBlock(sorted: Warning[], unreachable: Warning[]): Warning[] {
  if (unreachable.length === 0) return sorted
  if (sorted.some((w) => w.code === 'unreachable')) return sortWarnings([...sorted, ...unreachable])
  let at = 0
  while (at < sorted.length && compareCodePoints(sorted[at]!.code, 'unreachable') < 0) at++
  return [...sorted.slice(0, at), ...unreachable, ...sorted.slice(at)]
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
  sortAscending(origins)
  const out = new Map<string, T>()
  for (const origin of origins) out.set(victimIds[origin]!, byOrigin.get(origin)!)
  return out
}
