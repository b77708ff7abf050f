/**
 * The part of a ledger victim money can touch, found before the sort: the accounts it can reach
 * along time-respecting paths (earliest arrival, like Dijkstra, over unsorted columns), and
 * every transfer into or out of them. A transfer between two accounts victim money never
 * reaches moves no pool and reaches no report, so the sort and the sweep can leave it out.
 *
 * @module ledger/_reach
 */

/** The transfers of a case as input-order columns; those after `until` (asOf, or `Infinity`) do not count. */
export interface ReachInput {
  readonly from: Int32Array
  readonly to: Int32Array
  readonly time: Float64Array
  readonly count: number
  readonly accountCount: number
  readonly until: number
}

/**
 * Per account, the earliest time victim money can arrive there (`Infinity` when it never can),
 * from the fraudulent transfers `seeds` (input positions). Superset rule: a transfer at or after
 * its sender's earliest arrival is taken to carry victim money (ties in time are not broken by
 * id, pending transfers are followed), so every account the sweep can reach is finite here.
 * Cost: one pass to index transfers by sender, then each reached account's outgoing transfers once.
 *
 * @example
 * // V → A at 10, A → B at 20, C → D at 5
 * earliestArrival({ from: Int32Array.of(0, 1, 3), to: Int32Array.of(1, 2, 4), time: Float64Array.of(10, 20, 5), count: 3, accountCount: 5, until: Infinity }, [0])
 * //=> Float64Array [Infinity, 10, 20, Infinity, Infinity]
 */
export function earliestArrival(input: ReachInput, seeds: readonly number[]): Float64Array {
  const { from, to, time, count, accountCount, until } = input
  const start = new Int32Array(accountCount + 1)
  for (let i = 0; i < count; i++) if (time[i]! <= until) start[from[i]! + 1]!++
  for (let a = 0; a < accountCount; a++) start[a + 1]! += start[a]!
  const fill = start.slice(0, accountCount)
  const outgoing = new Int32Array(start[accountCount]!)
  for (let i = 0; i < count; i++) if (time[i]! <= until) outgoing[fill[from[i]!]!++] = i

  const arrival = new Float64Array(accountCount).fill(Number.POSITIVE_INFINITY)
  const heap = new ArrivalHeap()
  for (const i of seeds) {
    const account = to[i]!
    if (time[i]! < arrival[account]!) {
      arrival[account] = time[i]!
      heap.push(time[i]!, account)
    }
  }
  while (heap.size > 0) {
    const at = heap.topTime()
    const account = heap.pop()
    if (at > arrival[account]!) continue // a later, stale entry
    for (let k = start[account]!, end = start[account + 1]!; k < end; k++) {
      const i = outgoing[k]!
      const t = time[i]!
      const receiver = to[i]!
      if (t >= at && t < arrival[receiver]!) {
        arrival[receiver] = t
        heap.push(t, receiver)
      }
    }
  }
  return arrival
}

/**
 * Input positions (ascending) of the transfers in force that the sweep must see: the fraudulent
 * ones and every one into or out of an account victim money can reach. (A fraudulent transfer's
 * receiver is reached at its time, so the rule keeps it.)
 *
 * @example
 * reachableTransfers({ from: Int32Array.of(0, 1, 3), to: Int32Array.of(1, 2, 4), time: Float64Array.of(10, 20, 5), count: 3, accountCount: 5, until: Infinity }, [0])
 * //=> Uint32Array [0, 1]
 */
export function reachableTransfers(input: ReachInput, seeds: readonly number[]): Uint32Array {
  const arrival = earliestArrival(input, seeds)
  const { from, to, time, count, until } = input
  let kept = 0
  const positions = new Uint32Array(count)
  for (let i = 0; i < count; i++) {
    if (time[i]! <= until && (arrival[from[i]!]! !== Number.POSITIVE_INFINITY || arrival[to[i]!]! !== Number.POSITIVE_INFINITY)) positions[kept++] = i
  }
  return positions.subarray(0, kept)
}

/** A binary min-heap of (time, account) on typed arrays. */
class ArrivalHeap {
  private times = new Float64Array(1024)
  private accounts = new Int32Array(1024)
  size = 0

  push(at: number, account: number): void {
    if (this.size === this.times.length) {
      const times = new Float64Array(this.size * 2)
      const accounts = new Int32Array(this.size * 2)
      times.set(this.times)
      accounts.set(this.accounts)
      this.times = times
      this.accounts = accounts
    }
    const { times, accounts } = this
    let i = this.size++
    while (i > 0) {
      const parent = (i - 1) >>> 1
      if (times[parent]! <= at) break
      times[i] = times[parent]!
      accounts[i] = accounts[parent]!
      i = parent
    }
    times[i] = at
    accounts[i] = account
  }

  topTime(): number {
    return this.times[0]!
  }

  /** Removes the earliest entry and returns its account. */
  pop(): number {
    const { times, accounts } = this
    const top = accounts[0]!
    const n = --this.size
    const at = times[n]!
    const account = accounts[n]!
    let i = 0
    for (;;) {
      let child = 2 * i + 1
      if (child >= n) break
      if (child + 1 < n && times[child + 1]! < times[child]!) child++
      if (times[child]! >= at) break
      times[i] = times[child]!
      accounts[i] = accounts[child]!
      i = child
    }
    times[i] = at
    accounts[i] = account
    return top
  }
}
