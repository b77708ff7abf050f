/** Internal: largest-remainder apportionment in minor units. */
import { compareCodePoints } from './order.js'

/**
 * Splits `total` minor units among `keys` in proportion to `weights` by the largest-remainder
 * method: everyone gets the floor of their exact share, and the leftover units go one each to
 * the largest remainders, equal remainders in code-point order of the key. Weights must be
 * non-negative with a positive sum. The shares always sum to `total` exactly.
 *
 * @example
 * apportion(100n, [['A', 1n], ['B', 1n], ['C', 1n]]) //=> Map { A => 34n, B => 33n, C => 33n }
 */
export function apportion(total: bigint, weights: ReadonlyArray<readonly [string, bigint]>): Map<string, bigint> {
  const sum = weights.reduce((s, [, w]) => s + w, 0n)
  if (sum <= 0n) throw new RangeError('fundtrace/plan: apportion needs a positive total weight')
  if (total < 0n) throw new RangeError('fundtrace/plan: apportion needs a non-negative total')
  const rows = weights.map(([key, w]) => ({ key, share: (total * w) / sum, rem: (total * w) % sum }))
  let left = total - rows.reduce((s, r) => s + r.share, 0n)
  const byRemainder = [...rows].sort((a, b) => (a.rem === b.rem ? compareCodePoints(a.key, b.key) : a.rem > b.rem ? -1 : 1))
  for (const row of byRemainder) {
    if (left === 0n) break
    row.share += 1n
    left -= 1n
  }
  return new Map(rows.map((r) => [r.key, r.share]))
}
