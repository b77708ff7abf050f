import type { Warning } from '../errors/index.js'
import { compareCodePoints, compareTransfers, KIND_BY_CODE, type Ledger } from '../ledger/index.js'
import type { Method } from '../report/types.js'
import { OTHER } from './lot.js'
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
    const held = new Map<number, bigint>()
    let pendingTotal = 0n
    const pool = state.pools.get(account)
    if (pool) {
      const untouched = new Map<number, bigint>()
      for (const lot of pool.victimLots()) {
        held.set(lot.origin, (held.get(lot.origin) ?? 0n) + lot.amount)
        if (lot.depth === 1 && ledger.transferAt(lot.via).channel === 'counter') {
          untouched.set(lot.via, (untouched.get(lot.via) ?? 0n) + lot.amount)
        }
      }
      const pendingByTransfer = new Map<number, Map<number, bigint>>()
      for (const lot of pool.pending) {
        held.set(lot.origin, (held.get(lot.origin) ?? 0n) + lot.amount)
        pendingTotal += lot.amount
        let byVictim = pendingByTransfer.get(lot.via)
        if (!byVictim) pendingByTransfer.set(lot.via, (byVictim = new Map()))
        byVictim.set(lot.origin, (byVictim.get(lot.origin) ?? 0n) + lot.amount)
      }
      for (const [pos, amount] of untouched) {
        const transfer = ledger.transferAt(pos)
        reversible.push({ transfer, account: accountIds[account]!, victim: victimIds[ledger.fraudOf[pos]!]!, amount })
      }
      for (const [pos, byVictim] of pendingByTransfer) {
        let amount = 0n
        for (const a of byVictim.values()) amount += a
        inFlight.push({
          transfer: ledger.transferAt(pos), account: accountIds[account]!, amount,
          byVictim: keyByVictim(byVictim, victimIds), level: minLevel(arrivals.levels),
        })
      }
    }
    let heldTotal = 0n
    for (const [origin, amount] of held) {
      heldByVictim[origin]! += amount
      heldTotal += amount
    }
    const meta = ledger.accountMeta[account]
    accounts.push({
      id: accountIds[account]!,
      kind: KIND_BY_CODE[ledger.kind[account]!]!,
      ...(meta ? { meta } : {}),
      level: minLevel(arrivals.levels),
      levels: keyByVictim(arrivals.levels, victimIds),
      received: keyByVictim(arrivals.received, victimIds),
      held: keyByVictim(held, victimIds),
      heldTotal,
      pendingTotal,
      firstArrival: arrivals.first,
      lastArrival: arrivals.last,
    })
  }
  accounts.sort((a, b) => a.level - b.level || compareCodePoints(a.id, b.id))
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
    warnings: collectWarnings(ledger, state, accounts),
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

function collectWarnings(ledger: Ledger, state: SweepState, accounts: readonly AccountTrace[]): Warning[] {
  const warnings: Warning[] = [...state.warnings]
  const fraudIds = new Set(ledger.source.victims.flatMap((v) => v.transfers))
  let otherLate = 0
  for (const t of ledger.afterAsOf) {
    if (fraudIds.has(t.id)) {
      warnings.push({ code: 'after_as_of', message: `victim transfer ${t.id} is after asOf and was not traced`, path: ['transfers', t.id] })
    } else otherLate++
  }
  if (otherLate > 0) {
    const first = ledger.afterAsOf.find((t) => !fraudIds.has(t.id))!
    warnings.push({ code: 'after_as_of', message: `${otherLate} other transfer(s) after asOf were ignored (first: ${first.id})`, path: ['transfers', first.id] })
  }
  for (const account of accounts) {
    const index = ledger.accountIndex.get(account.id)!
    const count = state.plainTouches[index]!
    if (count > 0) {
      const first = ledger.transferAt(state.firstPlainTouch[index]!)
      warnings.push({
        code: 'unreachable',
        message: `${count} transfer(s) in or out of involved account ${account.id} carried no victim money (first: ${first.id})`,
        path: ['accounts', account.id],
      })
    }
  }
  return warnings.sort(compareWarnings).slice()
}

function compareWarnings(a: Warning, b: Warning): number {
  return compareCodePoints(a.code, b.code) || compareCodePoints(a.path.join('\u0000'), b.path.join('\u0000')) || compareCodePoints(a.message, b.message)
}

function keyByVictim<T>(byOrigin: ReadonlyMap<number, T>, victimIds: readonly string[]): Map<string, T> {
  const out = new Map<string, T>()
  for (const origin of [...byOrigin.keys()].filter((o) => o !== OTHER).sort((a, b) => a - b)) {
    out.set(victimIds[origin]!, byOrigin.get(origin)!)
  }
  return out
}


/** The lowest level over the victims (a loop: an account may be reached by very many victims). */
function minLevel(levels: ReadonlyMap<number, number>): number {
  let min = Number.POSITIVE_INFINITY
  for (const level of levels.values()) if (level < min) min = level
  return min
}
