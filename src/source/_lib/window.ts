import { FundtraceError } from '../../errors/index.js'
import type { TimeWindow } from '../types.js'

/**
 * Checks a window and narrows it to whole milliseconds (transfer times are integers):
 * `[ceil(from), floor(to)]`. Returns `null` for an empty window. Infinite bounds are kept.
 *
 * @example
 * normalizeWindow({ from: 0.5, to: 10 }, 'x') //=> { from: 1, to: 10 }
 * normalizeWindow({ from: 5, to: 4 }, 'x')    //=> null
 */
export function normalizeWindow(window: TimeWindow, where: string): TimeWindow | null {
  if (window === null || typeof window !== 'object' || typeof window.from !== 'number' || typeof window.to !== 'number' ||
      Number.isNaN(window.from) || Number.isNaN(window.to)) {
    throw new FundtraceError([{ code: 'invalid_option', message: `${where}: window must be { from: number, to: number } in epoch ms`, path: ['window'] }])
  }
  const from = Math.ceil(window.from)
  const to = Math.floor(window.to)
  return from > to ? null : { from, to }
}

/**
 * Checks an account list and removes duplicates, keeping first occurrences.
 *
 * @example
 * uniqueAccounts(['A', 'B', 'A'], 'x') //=> ['A', 'B']
 */
export function uniqueAccounts(accounts: readonly string[], where: string): string[] {
  if (!Array.isArray(accounts)) {
    throw new FundtraceError([{ code: 'invalid_option', message: `${where}: accounts must be an array of account ids`, path: ['accounts'] }])
  }
  const seen = new Set<string>()
  for (let i = 0; i < accounts.length; i++) {
    const a = accounts[i]
    if (typeof a !== 'string') {
      throw new FundtraceError([{ code: 'invalid_option', message: `${where}: account ids must be strings`, path: ['accounts', i] }])
    }
    seen.add(a)
  }
  return [...seen]
}
