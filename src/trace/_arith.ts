/**
 * Exact integer arithmetic on doubles for the pro-rata split: `floor(a * s / p)` and its
 * remainder without `bigint`, and the largest-remainder award without a sort.
 *
 * @module trace/_arith
 */

/** Largest divisor {@link mulDivFloor} handles exactly (2^50; larger pools use `bigint`). */
export const MUL_DIV_MAX = 2 ** 50

const SPLIT = 134_217_729 // 2^27 + 1 (Veltkamp)

/** Remainder of the last {@link mulDivFloor} call (module state: no allocation per call). */
export let mulDivRemainder = 0

/**
 * `floor(a * s / p)` for integers `0 ≤ a, s ≤ p ≤ 2^50`, exactly; the remainder
 * `a * s - q * p` is left in {@link mulDivRemainder}. The products are formed exactly as
 * sums of two doubles (Dekker's two-product), so nothing is rounded although `a * s` may
 * need 100 bits.
 *
 * @example
 * mulDivFloor(600, 100000, 300000) //=> 200 (mulDivRemainder 0)
 */
export function mulDivFloor(a: number, s: number, p: number): number {
  const p1 = a * s
  let q = Math.floor(p1 / p) // within 1 of the true quotient (relative error ≤ 2^-52, a ≤ 2^50)
  let r: number
  if (p1 + p <= Number.MAX_SAFE_INTEGER) {
    // the usual case: a * s and q * p (≤ a * s + p) are exact as they are
    r = p1 - q * p
  } else r = productDifference(a, s, q, p, p1)
  while (r < 0) {
    q--
    r += p
  }
  while (r >= p) {
    q++
    r -= p
  }
  mulDivRemainder = r
  return q
}

/** `a * s - q * p` exactly, `p1` being the rounded `a * s`: each product as hi + lo (Dekker), the differences exact (all below 2^53). */
function productDifference(a: number, s: number, q: number, p: number, p1: number): number {
  let c = SPLIT * a
  const ah = c - (c - a)
  const al = a - ah
  c = SPLIT * s
  const sh = c - (c - s)
  const sl = s - sh
  const e1 = ah * sh - p1 + ah * sl + al * sh + al * sl
  const p2 = q * p
  c = SPLIT * q
  const qh = c - (c - q)
  const ql = q - qh
  c = SPLIT * p
  const ph = c - (c - p)
  const pl = p - ph
  const e2 = qh * ph - p2 + qh * pl + ql * ph + ql * pl
  return p1 - p2 + (e1 - e2)
}

/**
 * Adds 1 to `takes[j]` for the `left` entries with the largest `remainders[j]`, equal
 * remainders in index order (the largest-remainder rule with ties in origin order), for
 * `j < count`. O(count) expected: a selection finds the threshold, no sort.
 *
 * @example
 * const takes = new Float64Array([1, 1, 1]); awardRemainders(new Float64Array([5, 9, 5]), 3, 2, takes, new Float64Array(3))
 * takes //=> [2, 2, 1]
 */
export function awardRemainders(remainders: Float64Array, count: number, left: number, takes: Float64Array, scratch: Float64Array): void {
  if (left <= 0) return
  if (left >= count) {
    for (let j = 0; j < count; j++) takes[j]! += 1
    return
  }
  let threshold: number
  if (count <= 16) {
    // small: the left-th largest by repeated maximum on a copy
    for (let j = 0; j < count; j++) scratch[j] = remainders[j]!
    threshold = 0
    for (let t = 0; t < left; t++) {
      let best = -1
      for (let j = 0; j < count; j++) if (scratch[j]! >= 0 && (best < 0 || scratch[j]! > scratch[best]!)) best = j
      threshold = scratch[best]!
      scratch[best] = -1
    }
  } else {
    for (let j = 0; j < count; j++) scratch[j] = remainders[j]!
    threshold = kthLargest(scratch, count, left - 1)
  }
  let given = 0
  for (let j = 0; j < count; j++) {
    if (remainders[j]! > threshold) {
      takes[j]! += 1
      given++
    }
  }
  for (let j = 0; j < count && given < left; j++) {
    if (remainders[j] === threshold) {
      takes[j]! += 1
      given++
    }
  }
}

/** The value at position `k` (0-based) of `a[0…n)` sorted in descending order; reorders `a`. */
function kthLargest(a: Float64Array, n: number, k: number): number {
  let lo = 0
  let hi = n - 1
  while (lo < hi) {
    // median of three as pivot
    const x = a[lo]!
    const y = a[(lo + hi) >>> 1]!
    const z = a[hi]!
    const pivot = x > y ? (y > z ? y : x > z ? z : x) : x > z ? x : y > z ? z : y
    let i = lo
    let j = hi
    while (i <= j) {
      while (a[i]! > pivot) i++
      while (a[j]! < pivot) j--
      if (i <= j) {
        const t = a[i]!
        a[i] = a[j]!
        a[j] = t
        i++
        j--
      }
    }
    if (k <= j) hi = j
    else if (k >= i) lo = i
    else return a[k]!
  }
  return a[k]!
}
