/**
 * The one sort of the ledger: transfer positions by (time, id code-point order), on typed arrays.
 *
 * @module ledger/_sort
 */
import { compareCodePoints } from './compare.js'

const RADIX_BITS = 11
const BUCKETS = 1 << RADIX_BITS
const MASK = BUCKETS - 1
const TWO32 = 2 ** 32
/** Runs of equal times up to this length are put in id order by insertion sort. */
const SMALL_RUN = 24

/**
 * Positions `0…n-1` ordered by `time`, equal times by `idOf` in code-point order. Integer times
 * within 2^53 of each other (every epoch-millisecond time is) take an LSD radix sort on the
 * offset from the earliest time (11-bit digits, passes over constant digits skipped); anything
 * else falls back to a comparison sort on the typed array. Ids are compared only inside runs of
 * equal times, so the cost is O(n) plus the ties.
 *
 * @example
 * sortByTimeThenId(new Float64Array([5, 1, 5]), (i) => ['b', 'x', 'a'][i]) //=> Uint32Array [1, 2, 0]
 */
export function sortByTimeThenId(time: Float64Array, idOf: (position: number) => string, compareIds?: (a: number, b: number) => number): Uint32Array {
  const n = time.length
  let lo = Number.POSITIVE_INFINITY
  let hi = Number.NEGATIVE_INFINITY
  let integral = true
  for (let i = 0; i < n; i++) {
    const t = time[i]!
    if (t < lo) lo = t
    if (t > hi) hi = t
    if (!Number.isInteger(t)) integral = false
  }
  let order: Uint32Array
  if (n === 0) order = new Uint32Array(0)
  else if (integral && hi - lo <= Number.MAX_SAFE_INTEGER) order = radixByTime(time, lo, hi - lo)
  else {
    order = new Uint32Array(n)
    for (let i = 0; i < n; i++) order[i] = i
    order.sort((a, b) => {
      const x = time[a]!
      const y = time[b]!
      return x < y ? -1 : x > y ? 1 : 0
    })
  }
  orderTies(order, time, idOf, compareIds)
  return order
}

/**
 * The given input positions ordered by (time, id code-point order): {@link sortByTimeThenId}
 * on just those transfers (the rest are neither read nor moved).
 *
 * @example
 * sortPositionsByTimeThenId(new Float64Array([5, 1, 3]), Uint32Array.of(0, 2), (i) => ['b', 'x', 'a'][i]) //=> Uint32Array [2, 0]
 */
export function sortPositionsByTimeThenId(time: Float64Array, positions: Uint32Array, idOf: (position: number) => string, compareIds?: (a: number, b: number) => number): Uint32Array {
  const m = positions.length
  const times = new Float64Array(m)
  for (let k = 0; k < m; k++) times[k] = time[positions[k]!]!
  const order = sortByTimeThenId(times, (k) => idOf(positions[k]!), compareIds && ((a, b) => compareIds(positions[a]!, positions[b]!)))
  for (let k = 0; k < m; k++) order[k] = positions[order[k]!]!
  return order
}

/** LSD radix on `time - lo` (a non-negative integer ≤ range): low 32 bits, then the high bits. */
function radixByTime(time: Float64Array, lo: number, range: number): Uint32Array {
  const n = time.length
  let order = new Uint32Array(n)
  let spare = new Uint32Array(n)
  let key = new Uint32Array(n)
  let keySpare = new Uint32Array(n)
  const count = new Uint32Array(BUCKETS)
  for (let i = 0; i < n; i++) order[i] = i

  // low 32 bits, in original position order (keys follow the order through the passes)
  for (let i = 0; i < n; i++) key[i] = (time[i]! - lo) % TWO32
  const lowBits = range >= TWO32 ? 32 : bitLength(range)
  for (let shift = 0; shift < lowBits; shift += RADIX_BITS) {
    if (!pass(key, keySpare, order, spare, count, shift)) continue
    ;[key, keySpare] = [keySpare, key]
    ;[order, spare] = [spare, order]
  }
  if (range >= TWO32) {
    for (let i = 0; i < n; i++) key[i] = Math.floor((time[order[i]!]! - lo) / TWO32)
    const highBits = bitLength(Math.floor(range / TWO32))
    for (let shift = 0; shift < highBits; shift += RADIX_BITS) {
      if (!pass(key, keySpare, order, spare, count, shift)) continue
      ;[key, keySpare] = [keySpare, key]
      ;[order, spare] = [spare, order]
    }
  }
  return order
}

/** One stable counting pass on one digit; returns false (and moves nothing) when every key has the same digit. */
function pass(key: Uint32Array, keyOut: Uint32Array, order: Uint32Array, orderOut: Uint32Array, count: Uint32Array, shift: number): boolean {
  const n = key.length
  count.fill(0)
  for (let i = 0; i < n; i++) count[(key[i]! >>> shift) & MASK]!++
  for (let b = 0; b < BUCKETS; b++) if (count[b] === n) return false
  for (let b = 0, sum = 0; b < BUCKETS; b++) {
    const c = count[b]!
    count[b] = sum
    sum += c
  }
  for (let i = 0; i < n; i++) {
    const k = key[i]!
    const p = count[(k >>> shift) & MASK]!++
    keyOut[p] = k
    orderOut[p] = order[i]!
  }
  return true
}

function bitLength(x: number): number {
  let bits = 0
  while (x >= 1) {
    x = Math.floor(x / 2)
    bits++
  }
  return bits
}

/** Puts each run of equal times in id order (by `compareIds` on positions when given, else by the ids' strings). */
function orderTies(order: Uint32Array, time: Float64Array, idOf: (position: number) => string, compareIds?: (a: number, b: number) => number): void {
  const n = order.length
  for (let i = 0, j = 0; i < n; i = j) {
    const t = time[order[i]!]!
    for (j = i + 1; j < n && time[order[j]!] === t;) j++
    if (j - i < 2) continue
    if (compareIds !== undefined) {
      if (j - i <= SMALL_RUN) {
        for (let a = i + 1; a < j; a++) {
          const v = order[a]!
          let b = a - 1
          for (; b >= i && compareIds(order[b]!, v) > 0; b--) order[b + 1] = order[b]!
          order[b + 1] = v
        }
      } else order.set(Array.from(order.subarray(i, j)).sort(compareIds), i)
    } else if (j - i <= SMALL_RUN) {
      for (let a = i + 1; a < j; a++) {
        const v = order[a]!
        const id = idOf(v)
        let b = a - 1
        for (; b >= i && compareCodePoints(idOf(order[b]!), id) > 0; b--) order[b + 1] = order[b]!
        order[b + 1] = v
      }
    } else {
      const run = Array.from(order.subarray(i, j), (p) => ({ p, id: idOf(p) }))
      run.sort((x, y) => compareCodePoints(x.id, y.id))
      for (let k = 0; k < run.length; k++) order[i + k] = run[k]!.p
    }
  }
}
const VISITED = 0x80000000

/**
 * Reorders the columns in place so that position k holds what was at `order[k]` (a gather
 * without second arrays: one cycle at a time). `order` is used up (marked); n < 2^31.
 *
 * @example
 * const t = new Float64Array([5, 1]); permuteColumns(new Uint32Array([1, 0]), t, t, new Int32Array(2), new Int32Array(2), new Int32Array(2)) // t = [1, 5]
 */
export function permuteColumns(order: Uint32Array, time: Float64Array, amount: Float64Array, from: Int32Array, to: Int32Array, flags: Int32Array): void {
  const n = order.length
  for (let k = 0; k < n; k++) {
    if (order[k]! & VISITED) continue
    const t0 = time[k]!, a0 = amount[k]!, f0 = from[k]!, o0 = to[k]!, x0 = flags[k]!
    let j = k
    for (;;) {
      const i = order[j]!
      order[j] = i | VISITED
      if (i === k) {
        time[j] = t0
        amount[j] = a0
        from[j] = f0
        to[j] = o0
        flags[j] = x0
        break
      }
      time[j] = time[i]!
      amount[j] = amount[i]!
      from[j] = from[i]!
      to[j] = to[i]!
      flags[j] = flags[i]!
      j = i
    }
  }
}
