/** Internal: deterministic orderings shared by the plan modules. */

import { compareCodePoints } from '../../ledger/index.js'

export { compareCodePoints }

/**
 * Sorts an object's keys in code-point order, returning a new object.
 *
 * @example
 * sortedRecord({ b: 1, a: 2 }) //=> { a: 2, b: 1 }
 */
export function sortedRecord<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  const out: Record<string, T> = {}
  for (const key of Object.keys(record).sort(compareCodePoints)) out[key] = record[key] as T
  return out
}
