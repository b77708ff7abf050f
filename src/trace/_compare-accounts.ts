/**
 * The per-account side of {@link compareMethods}: one pass over each method's accounts, joined by
 * id, amounts read straight from each method's maps.
 *
 * @module trace/_compare-accounts
 */
import { codePointOrderOf, compareCodePoints } from '../ledger/index.js'
import { METHODS, type Method } from '../report/types.js'
import type { AccountTrace, TraceResult } from './types.js'
import type { AccountComparison, MethodAmounts } from './compare.js'

/** One account as the four methods see it (in {@link METHODS} order; absent where a method never reached it). */
interface Joined {
  readonly id: string
  level: number
  readonly traces: (AccountTrace | undefined)[]
}

/**
 * Every account any method reached, by lowest level then id, with what each method holds there
 * per victim and in total.
 *
 * @example
 * compareAccounts(results)[0].total.min //=> the amount every method agrees is held there
 */
export function compareAccounts(results: Readonly<Record<Method, TraceResult>>): AccountComparison[] {
  const byId = new Map<string, Joined>()
  for (let k = 0; k < METHODS.length; k++) {
    for (const a of results[METHODS[k]!].accounts) {
      const joined = byId.get(a.id)
      if (joined === undefined) {
        const traces: (AccountTrace | undefined)[] = [undefined, undefined, undefined, undefined]
        traces[k] = a
        byId.set(a.id, { id: a.id, level: a.level, traces })
      } else {
        if (a.level < joined.level) joined.level = a.level
        joined.traces[k] = a
      }
    }
  }
  const order = codePointOrderOf([...byId.keys()])
  const joined = [...byId.values()].sort((a, b) => a.level - b.level || order(a.id, b.id))
  return joined.map(({ id, level, traces }) => {
    const [f, l, p, v] = traces
    const held = new Map<string, MethodAmounts>()
    for (const victim of victimsReaching(traces)) {
      held.set(victim, methodAmounts(f?.held.get(victim) ?? 0n, l?.held.get(victim) ?? 0n, p?.held.get(victim) ?? 0n, v?.held.get(victim) ?? 0n))
    }
    const total = methodAmounts(f?.heldTotal ?? 0n, l?.heldTotal ?? 0n, p?.heldTotal ?? 0n, v?.heldTotal ?? 0n)
    return { id, level, held, total }
  })
}

/** The victims whose money reached the account under any method, in code-point order (each method keys them so). */
function victimsReaching(traces: readonly (AccountTrace | undefined)[]): string[] {
  let out: string[] = []
  for (const t of traces) if (t !== undefined) out = mergeSorted(out, [...t.received.keys()])
  return out
}

/** The union of two lists in code-point order, each without repeats. */
function mergeSorted(a: readonly string[], b: readonly string[]): string[] {
  if (a.length === 0) return b as string[]
  const out: string[] = []
  let i = 0, j = 0
  while (i < a.length && j < b.length) {
    const order = compareCodePoints(a[i]!, b[j]!)
    if (order <= 0) out.push(a[i++]!)
    if (order >= 0) {
      if (order > 0) out.push(b[j]!)
      j++
    }
  }
  while (i < a.length) out.push(a[i++]!)
  while (j < b.length) out.push(b[j++]!)
  return out
}

/**
 * One amount per method with the minimum and maximum over them.
 *
 * @example
 * methodAmounts(5n, 0n, 5n, 5n) //=> { fifo: 5n, lifo: 0n, pro_rata: 5n, victim_last: 5n, min: 0n, max: 5n }
 */
export function methodAmounts(fifo: bigint, lifo: bigint, pro_rata: bigint, victim_last: bigint): MethodAmounts {
  let min = fifo, max = fifo
  if (lifo < min) min = lifo
  else if (lifo > max) max = lifo
  if (pro_rata < min) min = pro_rata
  else if (pro_rata > max) max = pro_rata
  if (victim_last < min) min = victim_last
  else if (victim_last > max) max = victim_last
  return { fifo, lifo, pro_rata, victim_last, min, max }
}
