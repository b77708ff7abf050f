/**
 * Amounts per origin (victim index) for one account at a time, so that assembling a result of
 * thousands of accounts makes no map per account for them.
 *
 * @module trace/_origin-totals
 */
import type { OriginTally } from './sweep.js'

/** Above this many origins the drain sorts with the library sort, below by insertion. */
const INSERTION_MAX = 16

/**
 * Totals per origin: added in any order, read out once in ascending origin order, which also
 * clears them for the next account.
 *
 * @example
 * const totals = new OriginTotals(3)
 * totals.add(2, 5n); totals.add(0, 1n); totals.add(2, 1n)
 * totals.drain((origin, amount) => console.log(origin, amount)) // 0 1n, then 2 6n
 */
export class OriginTotals implements OriginTally {
  private readonly sum: bigint[]
  private readonly stamp: Int32Array
  private round = 1
  /** The origins added since the last drain, `count` of them (a typed column: nothing regrown per account). */
  private readonly origins: Int32Array
  private count = 0

  constructor(originCount: number) {
    this.sum = new Array<bigint>(originCount).fill(0n)
    this.stamp = new Int32Array(originCount)
    this.origins = new Int32Array(originCount)
  }

  add(origin: number, amount: bigint): void {
    if (this.stamp[origin] !== this.round) {
      this.stamp[origin] = this.round
      this.sum[origin] = amount
      this.origins[this.count++] = origin
    } else this.sum[origin]! += amount
  }

  /** Visits each origin added since the last drain, ascending, with its total; then starts over. */
  drain(visit: (origin: number, amount: bigint) => void): void {
    const n = this.count
    const origins = this.origins
    sortAscending(origins, n)
    for (let i = 0; i < n; i++) visit(origins[i]!, this.sum[origins[i]!]!)
    this.count = 0
    this.round++
  }
}

/**
 * Sorts the first `n` numbers of `xs` (of an array: all of them) ascending in place; the usual
 * few by insertion, without the library sort's scratch.
 *
 * @example
 * const xs = [3, 1, 2]; sortAscending(xs) // xs is [1, 2, 3]
 */
export function sortAscending(xs: number[] | Int32Array, n: number = xs.length): void {
  if (n > INSERTION_MAX) {
    if (Array.isArray(xs)) xs.sort((a, b) => a - b)
    else xs.subarray(0, n).sort() // a typed array sorts numerically
    return
  }
  for (let i = 1; i < n; i++) {
    const x = xs[i]!
    let j = i - 1
    for (; j >= 0 && xs[j]! > x; j--) xs[j + 1] = xs[j]!
    xs[j + 1] = x
  }
}
