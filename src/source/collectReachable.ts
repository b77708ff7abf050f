import type { Transfer } from '../case/types.js'
import { FundtraceError } from '../errors/index.js'
import { compareCodePoints, compareTransfers, lowerBoundTime } from './_lib/order.js'
import type { TransferSource } from './types.js'

/**
 * Options of {@link collectReachable}.
 *
 * @example
 * const options: CollectReachableOptions = { asOf: Date.parse('2026-03-14T18:00:00+08:00'), maxLevel: 3, stopAccounts: ['ATM-CASH'] }
 */
export interface CollectReachableOptions {
  /** Inclusive end of the trace, epoch ms; later transfers are never fetched. Default: no end. */
  readonly asOf?: number | null
  /**
   * Deepest level followed (level 1 = received a victim's fraudulent transfer). Transfers that
   * carry money to level `maxLevel + 1` are returned (the tracer counts that money `beyond`), but
   * their receivers are not expanded. Default: unlimited.
   */
  readonly maxLevel?: number | null
  /**
   * Accounts never expanded: money reaching them leaves the trace. The senders of `seeds` (the
   * victims' accounts) are always included; add the victims' other accounts and `cash` /
   * `external` sinks here.
   */
  readonly stopAccounts?: Iterable<string>
  /**
   * Also fetch, once the frontier is complete, the incoming transfers of every reached account
   * from its first reach to `asOf` (non-victim money arriving there, which decides what `lifo`,
   * `pro_rata` and `victim_last` take). Default: `true` when the source has `incoming`.
   */
  readonly inflows?: boolean
  /**
   * How far (ms) one query's window may start before an account's own reach time. Accounts of one
   * round whose reach times lie within `windowSlack` of each other share a query. `Infinity`
   * (default): one outgoing query per round. `0`: one query per distinct reach time, no row
   * fetched before an account was reached.
   */
  readonly windowSlack?: number
}

/**
 * Counters of one {@link collectReachable} run.
 *
 * @example
 * const { stats } = await collectReachable(source, seeds, { asOf })
 * console.error(`${stats.rounds} rounds, ${stats.queries} queries, ${stats.rowsFetched} rows`)
 */
export interface CollectReachableStats {
  /** Frontier rounds (each one level deeper than the last, or an earlier window of known accounts). */
  readonly rounds: number
  /** Calls made to the source (`outgoing` + `incoming`). */
  readonly queries: number
  readonly outgoingQueries: number
  readonly incomingQueries: number
  /** Rows the source returned, over-fetched ones included. */
  readonly rowsFetched: number
  /** Accounts victim money reached (stop accounts excluded). */
  readonly accountsReached: number
  /** Accounts whose outgoing transfers were fetched. */
  readonly accountsQueried: number
  /** Times an account reached earlier than first known was re-queried for the missing earlier window. */
  readonly windowExtensions: number
}

/**
 * Result of {@link collectReachable}.
 *
 * @example
 * const { transfers, reachedAt } = await collectReachable(source, seeds, { asOf })
 * reachedAt.get('6222020200004321') // epoch ms victim money first arrived there
 */
export interface CollectReachableResult {
  /** Seeds plus every transfer victim money can ride on (plus inflows, if fetched), unique by id, sorted by (time, id). */
  readonly transfers: Transfer[]
  /** Earliest time victim money reached each reached account, by account id (code-point order). */
  readonly reachedAt: ReadonlyMap<string, number>
  readonly stats: CollectReachableStats
}

interface Entry {
  readonly level: number
  readonly time: number
  readonly id: string
}

interface Request {
  readonly account: string
  readonly from: number
  readonly to: number
}

/**
 * Fetches from a {@link TransferSource} only the part of the ledger victim money can reach,
 * frontier by frontier, without recursion: starting from the victims' fraudulent transfers
 * (`seeds`), each newly reached account's outgoing transfers are fetched from the moment victim
 * money first reached it up to `asOf`; the transfers among them that come after that moment
 * reach further accounts, which form the next round's frontier; repeat until no account is new.
 *
 * Time is respected exactly in the sweep's order (time, then id in code-point order): a transfer
 * can carry victim money only if its sender received victim money strictly before it. A pending
 * transfer is returned when it carries money but does not make its receiver reached (pending
 * money is not spendable). When a later round finds an earlier path into an account already
 * fetched, only the missing earlier window of that account is fetched. With `maxLevel`, an
 * account's reach is kept per level (a later but shorter path can still matter).
 *
 * The returned transfers are the seeds and every transfer that can carry victim money — a
 * superset of what any allocation method moves — plus, by default, the later inflows of reached
 * accounts. Pass them with the case header to the tracer. What it cannot know is an account's
 * balance before victim money arrived: supply it as the account's `openingBalance`.
 *
 * @example
 * const source = postgresSource(pool)
 * const seeds = victims.flatMap((v) => v.transfers.map((id) => byId.get(id)!))
 * const { transfers, stats } = await collectReachable(source, seeds, { asOf: Date.parse('2026-03-14T18:00:00+08:00') })
 * // trace({ ...header, transfers }) — stats.queries queries, stats.rowsFetched rows
 */
export async function collectReachable(
  source: TransferSource,
  seeds: readonly Transfer[],
  options: CollectReachableOptions = {},
): Promise<CollectReachableResult> {
  const where = 'fundtrace/source/collectReachable'
  const fail = (path: string, message: string): never => {
    throw new FundtraceError([{ code: 'invalid_option', message: `${where}: ${message}`, path: [path] }])
  }
  if (source === null || typeof source !== 'object' || typeof source.outgoing !== 'function') fail('source', 'source must be a TransferSource')
  if (!Array.isArray(seeds)) fail('seeds', 'seeds must be an array of transfers')
  const asOf = options.asOf ?? Number.POSITIVE_INFINITY
  if (typeof asOf !== 'number' || Number.isNaN(asOf)) fail('asOf', 'asOf must be epoch milliseconds')
  const maxLevel = options.maxLevel ?? Number.POSITIVE_INFINITY
  if (maxLevel !== Number.POSITIVE_INFINITY && (!Number.isSafeInteger(maxLevel) || maxLevel < 0)) fail('maxLevel', 'maxLevel must be a non-negative integer or null')
  const slack = options.windowSlack ?? Number.POSITIVE_INFINITY
  if (typeof slack !== 'number' || Number.isNaN(slack) || slack < 0) fail('windowSlack', 'windowSlack must be a number ≥ 0')
  const inflows = options.inflows ?? typeof source.incoming === 'function'
  if (inflows && typeof source.incoming !== 'function') fail('inflows', 'inflows needs a source with incoming()')

  const stop = new Set<string>(options.stopAccounts ?? [])
  for (const seed of seeds) stop.add(seed.from)

  const found = new Map<string, Transfer>()
  /** Per account: reach entries sorted by (time, id), levels strictly decreasing (a Pareto front). */
  const fronts = new Map<string, Entry[]>()
  /** Per account: its outgoing transfers are known for [cover, asOf]. */
  const cover = new Map<string, number>()
  const outs = new Map<string, Transfer[]>()
  const needs = new Set<string>()
  const dirty = new Set<string>()
  let rounds = 0, outgoingQueries = 0, incomingQueries = 0, rowsFetched = 0, windowExtensions = 0

  const offer = (account: string, level: number, time: number, id: string): void => {
    if (level > maxLevel || stop.has(account)) return
    let front = fronts.get(account)
    if (!front) fronts.set(account, (front = []))
    if (!insertEntry(front, { level, time, id })) return
    const covered = cover.get(account)
    if (covered !== undefined && front[0]!.time >= covered) dirty.add(account)
    else needs.add(account)
  }

  /** Re-reads an account's known outgoing transfers against its reach front. */
  const drain = (): void => {
    for (const account of dirty) {
      dirty.delete(account)
      const front = fronts.get(account)!
      const rows = outs.get(account) ?? []
      let j = 0
      let level = -1
      for (let i = lowerBoundTime(rows, front[0]!.time); i < rows.length; i++) {
        const x = rows[i]!
        while (j < front.length && compareTransfers(front[j]!, x) < 0) level = front[j++]!.level
        if (level < 0) continue
        found.set(x.id, x)
        if (x.status === 'posted') offer(x.to, level + 1, x.time, x.id)
      }
    }
  }

  for (const seed of seeds) {
    found.set(seed.id, seed)
    if (seed.time <= asOf && seed.status === 'posted') offer(seed.to, 1, seed.time, seed.id)
  }

  for (;;) {
    drain()
    if (needs.size === 0) break
    rounds++
    const fresh: Request[] = []
    const earlier: Request[] = []
    for (const account of needs) {
      const first = fronts.get(account)![0]!.time
      const covered = cover.get(account)
      if (covered === undefined) fresh.push({ account, from: first, to: asOf })
      else if (first < covered) earlier.push({ account, from: first, to: covered - 1 })
      else dirty.add(account)
    }
    needs.clear()
    for (const batch of [...buckets(fresh, slack), ...buckets(earlier, slack)]) {
      const rows = await source.outgoing(batch.accounts, { from: batch.from, to: batch.to })
      outgoingQueries++
      rowsFetched += rows.length
      const byAccount = groupBy(rows, 'from', batch)
      for (const account of batch.accounts) {
        const got = byAccount.get(account) ?? []
        const covered = cover.get(account)
        if (covered === undefined) outs.set(account, got)
        else {
          windowExtensions++
          outs.set(account, got.filter((x) => x.time < covered).concat(outs.get(account) ?? []))
        }
        cover.set(account, batch.from)
        dirty.add(account)
      }
    }
  }

  if (inflows) {
    const requests: Request[] = []
    for (const [account, front] of fronts) requests.push({ account, from: front[0]!.time, to: asOf })
    for (const batch of buckets(requests, slack)) {
      const rows = await source.incoming!(batch.accounts, { from: batch.from, to: batch.to })
      incomingQueries++
      rowsFetched += rows.length
      for (const x of rows) {
        const front = fronts.get(x.to)
        if (front && x.time >= batch.from && x.time <= batch.to && compareTransfers(front[0]!, x) < 0) found.set(x.id, x)
      }
    }
  }

  const reachedAt = new Map<string, number>()
  for (const account of [...fronts.keys()].sort(compareCodePoints)) reachedAt.set(account, fronts.get(account)![0]!.time)
  return {
    transfers: [...found.values()].sort(compareTransfers),
    reachedAt,
    stats: {
      rounds,
      queries: outgoingQueries + incomingQueries,
      outgoingQueries,
      incomingQueries,
      rowsFetched,
      accountsReached: fronts.size,
      accountsQueried: cover.size,
      windowExtensions,
    },
  }
}

/** Inserts unless dominated (an entry no later with a level no higher); drops entries it dominates. */
function insertEntry(front: Entry[], entry: Entry): boolean {
  let i = 0
  while (i < front.length && compareTransfers(front[i]!, entry) <= 0) i++
  if (i > 0 && front[i - 1]!.level <= entry.level) return false
  let j = i
  while (j < front.length && front[j]!.level >= entry.level) j++
  front.splice(i, j - i, entry)
  return true
}

interface Batch {
  readonly accounts: string[]
  readonly from: number
  readonly to: number
}

/** Groups requests whose windows start within `slack` of the earliest one; each group is one query. */
function buckets(requests: Request[], slack: number): Batch[] {
  requests.sort((a, b) => a.from - b.from || compareCodePoints(a.account, b.account))
  const out: Batch[] = []
  let current: { accounts: string[]; from: number; to: number } | undefined
  for (const r of requests) {
    if (current && r.from - current.from <= slack) {
      current.accounts.push(r.account)
      if (r.to > current.to) current.to = r.to
    } else {
      current = { accounts: [r.account], from: r.from, to: r.to }
      out.push(current)
    }
  }
  for (const b of out) b.accounts.sort(compareCodePoints)
  return out
}

/** Rows by sender (or receiver), keeping only those the batch asked for; order is kept. */
function groupBy(rows: readonly Transfer[], key: 'from' | 'to', batch: Batch): Map<string, Transfer[]> {
  const wanted = new Set(batch.accounts)
  const map = new Map<string, Transfer[]>()
  for (const x of rows) {
    const account = x[key]
    if (!wanted.has(account) || x.time < batch.from || x.time > batch.to) continue
    const list = map.get(account)
    if (list) list.push(x)
    else map.set(account, [x])
  }
  return map
}
