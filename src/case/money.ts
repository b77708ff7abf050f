/**
 * Exact money: amounts are integers of minor units (`bigint`), parsed from and formatted to
 * decimal strings of major units with the currency's digits. Never floats.
 */

/** Minor-unit digits of the currencies fundtrace accepts. */
export const CURRENCY_DIGITS: Readonly<Record<string, number>> = Object.freeze({
  CNY: 2,
  USD: 2,
  EUR: 2,
  HKD: 2,
  GBP: 2,
  JPY: 0,
})

/** The largest amount of one transfer, in minor units: 10^15 minor units (10 trillion CNY). Sums may go beyond 2^53; they are bigint. */
export const MAX_TRANSFER_MINOR = 10n ** 15n

/** ISO 4217 codes fundtrace knows the digits of. */
export type Currency = keyof typeof CURRENCY_DIGITS & string

/** Why an amount was refused. */
export type AmountProblem = 'invalid_amount' | 'amount_precision' | 'amount_not_positive' | 'amount_too_large'

/** Result of {@link parseAmount}: the value, or the problem with a message. */
export type AmountResult =
  | { readonly ok: true; readonly value: bigint }
  | { readonly ok: false; readonly code: AmountProblem; readonly message: string }

const DECIMAL = /^[0-9]+(\.[0-9]+)?$/

/**
 * Minor-unit digits of a currency, or `undefined` when fundtrace does not know it.
 *
 * @example
 * currencyDigits('CNY') //=> 2
 * currencyDigits('JPY') //=> 0
 */
export function currencyDigits(currency: string): number | undefined {
  return Object.hasOwn(CURRENCY_DIGITS, currency) ? CURRENCY_DIGITS[currency] : undefined
}

/**
 * Parses an amount of major units — a decimal string such as `"50000.00"` or a JSON safe
 * integer such as `5000` — into exact minor units. Signs, exponents, separators, a trailing
 * dot, more digits than the currency has, zero and non-integers given as numbers are refused.
 *
 * @example
 * parseAmount('1234.5', 2)  //=> { ok: true, value: 123450n }
 * parseAmount(5000, 2)      //=> { ok: true, value: 500000n }
 * parseAmount('1.234', 2)   //=> { ok: false, code: 'amount_precision', … }
 */
export function parseAmount(input: unknown, digits: number): AmountResult {
  let whole: string
  let fraction = ''
  if (typeof input === 'number') {
    if (!Number.isSafeInteger(input)) {
      return fail('invalid_amount', `amount ${String(input)} is not a safe integer of major units; give a decimal string such as "12.34"`)
    }
    if (input <= 0) return fail('amount_not_positive', `amount must be greater than zero, got ${input}`)
    whole = String(input)
  } else if (typeof input === 'string') {
    if (!DECIMAL.test(input)) {
      return fail(input.startsWith('-') ? 'amount_not_positive' : 'invalid_amount',
        `amount ${JSON.stringify(truncate(input))} is not a plain decimal of major units (digits, an optional dot and fraction; no sign, exponent or separators)`)
    }
    const dot = input.indexOf('.')
    whole = dot === -1 ? input : input.slice(0, dot)
    fraction = dot === -1 ? '' : input.slice(dot + 1)
    if (fraction.length > digits) {
      return fail('amount_precision', `amount ${JSON.stringify(truncate(input))} has ${fraction.length} decimal digits; the currency has ${digits}`)
    }
  } else {
    return fail('invalid_amount', `amount must be a decimal string or an integer, got ${describe(input)}`)
  }
  const value = BigInt(whole + fraction.padEnd(digits, '0'))
  if (value <= 0n) return fail('amount_not_positive', `amount must be greater than zero, got ${JSON.stringify(input)}`)
  if (value > MAX_TRANSFER_MINOR) {
    return fail('amount_too_large', `amount ${JSON.stringify(truncate(String(input)))} exceeds the largest transfer fundtrace accepts (${formatAmount(MAX_TRANSFER_MINOR, digits)})`)
  }
  return { ok: true, value }
}

/**
 * Parses a non-negative balance (an opening balance may be zero).
 *
 * @example
 * parseBalance('0.00', 2) //=> { ok: true, value: 0n }
 */
export function parseBalance(input: unknown, digits: number): AmountResult {
  if (input === 0 || (typeof input === 'string' && /^0+(\.0+)?$/.test(input))) {
    if (typeof input === 'string') {
      const dot = input.indexOf('.')
      if (dot !== -1 && input.length - dot - 1 > digits) return fail('amount_precision', `amount ${JSON.stringify(input)} has more decimal digits than the currency's ${digits}`)
    }
    return { ok: true, value: 0n }
  }
  return parseAmount(input, digits)
}

/**
 * Formats minor units as a plain decimal string of major units with the currency's digits.
 *
 * @example
 * formatAmount(123450n, 2) //=> '1234.50'
 * formatAmount(-5n, 2)     //=> '-0.05'
 * formatAmount(700n, 0)    //=> '700'
 */
export function formatAmount(minor: bigint, digits: number): string {
  const negative = minor < 0n
  const digitsText = (negative ? -minor : minor).toString().padStart(digits + 1, '0')
  const whole = digitsText.slice(0, digitsText.length - digits)
  const body = digits === 0 ? whole : `${whole}.${digitsText.slice(digitsText.length - digits)}`
  return negative ? `-${body}` : body
}

/**
 * Formats minor units for people: thousands separated by commas.
 *
 * @example
 * formatAmountGrouped(1200000n, 2) //=> '12,000.00'
 */
export function formatAmountGrouped(minor: bigint, digits: number): string {
  const plain = formatAmount(minor, digits)
  const [whole = '', fraction] = plain.split('.')
  const sign = whole.startsWith('-') ? '-' : ''
  const grouped = whole.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${sign}${grouped}${fraction === undefined ? '' : `.${fraction}`}`
}

function fail(code: AmountProblem, message: string): AmountResult {
  return { ok: false, code, message }
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value
}
