/** Internal: reading the report's decimal strings back into exact minor units. */
import { currencyDigits, formatAmount, formatAmountGrouped } from '../../case/money.js'
import { FundtraceError, type IssuePath } from '../../errors/index.js'

const DECIMAL = /^[0-9]+(\.[0-9]+)?$/

/**
 * Minor-unit digits of a report's currency; throws `unsupported_currency` when unknown.
 *
 * @example
 * digitsOf('CNY') //=> 2
 */
export function digitsOf(currency: string, path: IssuePath = ['currency']): number {
  const digits = currencyDigits(currency)
  if (digits === undefined) {
    throw new FundtraceError([{ code: 'unsupported_currency', message: `fundtrace/plan: currency ${JSON.stringify(currency)} is not one fundtrace knows the minor digits of`, path }])
  }
  return digits
}

/**
 * Parses a non-negative decimal string of major units (zero allowed) into minor units.
 * Throws `invalid_amount` / `amount_precision` with `path`.
 *
 * @example
 * toMinor('12.5', 2, ['frozen', 'X']) //=> 1250n
 */
export function toMinor(text: unknown, digits: number, path: IssuePath): bigint {
  if (typeof text !== 'string' || !DECIMAL.test(text)) {
    throw new FundtraceError([{ code: 'invalid_amount', message: `fundtrace/plan: amount ${JSON.stringify(text)} is not a non-negative decimal string of major units`, path }])
  }
  const dot = text.indexOf('.')
  const whole = dot === -1 ? text : text.slice(0, dot)
  const fraction = dot === -1 ? '' : text.slice(dot + 1)
  if (fraction.length > digits) {
    throw new FundtraceError([{ code: 'amount_precision', message: `fundtrace/plan: amount ${JSON.stringify(text)} has ${fraction.length} decimal digits; the currency has ${digits}`, path }])
  }
  return BigInt(whole + fraction.padEnd(digits, '0'))
}

/**
 * Formats minor units as a plain decimal string (re-export for the plan modules).
 *
 * @example
 * fmt(1250n, 2) //=> '12.50'
 */
export function fmt(minor: bigint, digits: number): string {
  return formatAmount(minor, digits)
}

/**
 * Formats minor units for people, grouped by thousands.
 *
 * @example
 * fmtGrouped(1200000n, 2) //=> '12,000.00'
 */
export function fmtGrouped(minor: bigint, digits: number): string {
  return formatAmountGrouped(minor, digits)
}
