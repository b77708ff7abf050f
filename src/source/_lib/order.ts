import type { Transfer } from '../../case/types.js'

import { compareTransfers } from '../../ledger/index.js'

export { compareCodePoints, compareTransfers } from '../../ledger/index.js'

/**
 * First index in `sorted` (ascending by time) whose time is ≥ `time`.
 *
 * @example
 * lowerBoundTime([{ time: 1 }, { time: 5 }], 3) //=> 1
 */
export function lowerBoundTime(sorted: ReadonlyArray<{ readonly time: number }>, time: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid]!.time < time) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Merges lists that are each sorted by {@link compareTransfers} into one sorted list.
 *
 * @example
 * mergeSorted([[t1, t3], [t2]]) //=> [t1, t2, t3]
 */
export function mergeSorted(lists: readonly (readonly Transfer[])[]): Transfer[] {
  const nonEmpty = lists.filter((l) => l.length > 0)
  if (nonEmpty.length === 0) return []
  if (nonEmpty.length === 1) return nonEmpty[0]!.slice(0)
  const all = ([] as Transfer[]).concat(...nonEmpty)
  // TimSort finds the pre-sorted runs, so this is close to a k-way merge.
  return all.sort(compareTransfers)
}
