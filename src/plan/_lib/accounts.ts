/** Internal: account lookups on a report. */
import type { Report, ReportAccount } from '../../report/types.js'

/**
 * Index of a report's accounts by id.
 *
 * @example
 * accountIndex(report).get('6222020200004321')?.level //=> 1
 */
export function accountIndex(report: Report): Map<string, ReportAccount> {
  return new Map(report.accounts.map((a) => [a.id, a]))
}

/**
 * Normalises an institution name for comparison: trimmed, upper-cased (`'boc '` = `'BOC'`).
 *
 * @example
 * sameInstitution('boc ', 'BOC') //=> true
 */
export function sameInstitution(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false
  const x = a.trim().toUpperCase()
  return x.length > 0 && x === b.trim().toUpperCase()
}
