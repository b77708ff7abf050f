/**
 * Compares two strings by Unicode code points (not UTF-16 code units, which order
 * astral characters below U+E000–U+FFFF). This is the id order of DESIGN.md.
 *
 * @example
 * ['T10', 'T2', 'T1'].sort(compareCodePoints) //=> ['T1', 'T10', 'T2']
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i)
    let y = b.charCodeAt(i)
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800) {
        x = x >= 0xe000 ? x - 0x800 : x + 0x2000
        y = y >= 0xe000 ? y - 0x800 : y + 0x2000
      }
      return x - y
    }
  }
  return a.length - b.length
}

/**
 * A comparator in code-point order for sorting these strings: the engine's own string order when
 * none of them has a code unit at or above U+D800 (there the two orders agree), else
 * {@link compareCodePoints}.
 *
 * @example
 * ids.sort(codePointOrderOf(ids))
 */
export function codePointOrderOf(strings: readonly string[]): (a: string, b: string) => number {
  for (let i = 0; i < strings.length; i++) if (HIGH_UNIT.test(strings[i]!)) return compareCodePoints
  return compareUnits
}

const HIGH_UNIT = /[\ud800-\uffff]/

function compareUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * The sweep order of transfers: by time, then by id in code-point order.
 *
 * @example
 * transfers.slice().sort(compareTransfers)
 */
export function compareTransfers(a: { readonly time: number; readonly id: string }, b: { readonly time: number; readonly id: string }): number {
  return a.time - b.time || compareCodePoints(a.id, b.id)
}
