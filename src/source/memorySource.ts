import type { Transfer } from '../case/types.js'
import { FundtraceError, type Issue } from '../errors/index.js'
import { compareTransfers, lowerBoundTime, mergeSorted } from './_lib/order.js'
import { normalizeWindow, uniqueAccounts } from './_lib/window.js'
import type { TimeWindow, TransferSource } from './types.js'

/**
 * A {@link TransferSource} over transfers held in memory: one sorted array per sender (and,
 * built on first use, per receiver), binary search on time. Building is O(n log n); a query
 * costs O(log n + k) per account for k results.
 *
 * Transfer ids must be unique: a repeated id throws a `FundtraceError` (`duplicate_id`),
 * because equal-time transfers are ordered by id.
 *
 * @example
 * const source = memorySource(caseFile.transfers)
 * const out = await source.outgoing(['M1', 'M2'], { from: Date.parse('2026-03-14T02:00Z'), to: Date.parse('2026-03-14T10:00Z') })
 */
export function memorySource(transfers: Iterable<Transfer>): TransferSource {
  const all: Transfer[] = []
  const seen = new Map<string, number>()
  const issues: Issue[] = []
  let index = 0
  for (const t of transfers) {
    const first = seen.get(t.id)
    if (first !== undefined) {
      if (issues.length < 100) {
        issues.push({ code: 'duplicate_id', message: `transfer id ${JSON.stringify(t.id)} also at index ${first}`, path: ['transfers', index, 'id'] })
      }
    } else {
      seen.set(t.id, index)
      all.push(t)
    }
    index++
  }
  if (issues.length > 0) throw new FundtraceError(issues)

  const bySender = indexBy(all, 'from')
  let byReceiver: Map<string, Transfer[]> | undefined

  return {
    outgoing: async (accounts, window) => query(bySender, accounts, window, 'memorySource.outgoing'),
    incoming: async (accounts, window) => {
      byReceiver ??= indexBy(all, 'to')
      return query(byReceiver, accounts, window, 'memorySource.incoming')
    },
  }
}

function indexBy(transfers: readonly Transfer[], key: 'from' | 'to'): Map<string, Transfer[]> {
  const map = new Map<string, Transfer[]>()
  for (const t of transfers) {
    const list = map.get(t[key])
    if (list) list.push(t)
    else map.set(t[key], [t])
  }
  for (const list of map.values()) list.sort(compareTransfers)
  return map
}

function query(index: ReadonlyMap<string, readonly Transfer[]>, accounts: readonly string[], window: TimeWindow, where: string): Transfer[] {
  const ids = uniqueAccounts(accounts, `fundtrace/source/${where}`)
  const w = normalizeWindow(window, `fundtrace/source/${where}`)
  if (w === null) return []
  const parts: Transfer[][] = []
  for (const id of ids) {
    const list = index.get(id)
    if (!list) continue
    const part: Transfer[] = []
    for (let i = lowerBoundTime(list, w.from); i < list.length && list[i]!.time <= w.to; i++) part.push(list[i]!)
    if (part.length > 0) parts.push(part)
  }
  return mergeSorted(parts)
}
