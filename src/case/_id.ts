/**
 * The identifier rule shared by every id in a case file (account, victim, transfer, `caseId`):
 * a non-empty string of at most {@link MAX_ID_LENGTH} code points after Unicode NFC
 * normalisation, with no leading or trailing whitespace, no control character (Unicode `Cc`)
 * and no lone surrogate. Offending ids are refused, never trimmed or repaired.
 *
 * @module case/_id
 */

/**
 * Longest id, in Unicode code points after NFC normalisation.
 *
 * @example
 * MAX_ID_LENGTH //=> 256
 */
export const MAX_ID_LENGTH = 256

const CONTROL = /\p{Cc}/u
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/**
 * Checks an id against the identifier rule. Returns the NFC form, or the reason it is refused.
 *
 * @example
 * checkId('T1')      //=> { ok: true, value: 'T1' }
 * checkId(' T1')     //=> { ok: false, message: 'id " T1" has leading or trailing whitespace; ids are not trimmed' }
 * checkId('e\u0301') //=> { ok: true, value: 'é' }
 */
export function checkId(id: string): { readonly ok: true; readonly value: string } | { readonly ok: false; readonly message: string } {
  if (isPlainAsciiId(id)) return { ok: true, value: id }
  const problem = idProblem(id)
  return problem === undefined ? { ok: true, value: id.normalize('NFC') } : { ok: false, message: problem }
}

/**
 * The NFC form of `id` when it satisfies the rule, else `undefined`. The fast path of {@link checkId}.
 *
 * @example
 * normalizeId('T1')   //=> 'T1'
 * normalizeId('T1\n') //=> undefined
 */
export function normalizeId(id: string): string | undefined {
  if (isPlainAsciiId(id)) return id
  return idProblem(id) === undefined ? id.normalize('NFC') : undefined
}

/**
 * Why `id` breaks the identifier rule, or `undefined` when it does not.
 *
 * @example
 * idProblem('')    //=> 'id must not be empty'
 * idProblem('a\tb') //=> 'id "a\\tb" contains the control character U+0009'
 */
export function idProblem(id: string): string | undefined {
  if (id.length === 0) return 'id must not be empty'
  if (LONE_SURROGATE.test(id)) return `id ${show(id)} contains a lone UTF-16 surrogate`
  const control = CONTROL.exec(id)
  if (control) return `id ${show(id)} contains the control character U+${control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
  if (id.trim() !== id) return `id ${show(id)} has leading or trailing whitespace; ids are not trimmed`
  const normalized = id.normalize('NFC')
  let codePoints = 0
  for (const _ of normalized) if (++codePoints > MAX_ID_LENGTH) return `id ${show(id)} is longer than ${MAX_ID_LENGTH} characters`
  return undefined
}

/** Printable ASCII, no edge space, 1..256 chars: valid and already NFC, needs no further check. */
function isPlainAsciiId(id: string): boolean {
  const length = id.length
  if (length === 0 || length > MAX_ID_LENGTH) return false
  for (let i = 0; i < length; i++) {
    const c = id.charCodeAt(i)
    if (c < 0x20 || c > 0x7e) return false
  }
  return id.charCodeAt(0) !== 0x20 && id.charCodeAt(length - 1) !== 0x20
}

/**
 * A string for a message: JSON-quoted, cut to 40 characters.
 *
 * @example
 * show('T1') //=> '"T1"'
 */
export function show(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}…` : text)
}
