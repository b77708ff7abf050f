/**
 * Reading the cells of a statement: spreadsheet artefacts, signed amounts, direction flags.
 *
 * @module io/statements/cells
 */
import { idProblem } from '../../case/_id.js'
import { parseAmount, type AmountProblem } from '../../case/money.js'
import type { Direction } from './types.js'

/**
 * Direction values understood in 收付标志 / 借贷标志 columns (compared after trimming, case-insensitive).
 * For the account holder's statement 借 (debit) is money out and 贷 (credit) money in.
 *
 * @example
 * DIRECTION_VALUES['出'] //=> 'out'
 * DIRECTION_VALUES['贷'] //=> 'in'
 */
export const DIRECTION_VALUES: Readonly<Record<string, Direction>> = Object.freeze({
  '出': 'out', '支': 'out', '支出': 'out', '付': 'out', '付出': 'out', '转出': 'out', '借': 'out', '借方': 'out',
  'out': 'out', 'd': 'out', 'dr': 'out', 'debit': 'out', '-': 'out',
  '进': 'in', '入': 'in', '收': 'in', '收入': 'in', '转入': 'in', '贷': 'in', '贷方': 'in',
  'in': 'in', 'c': 'in', 'cr': 'in', 'credit': 'in', '+': 'in',
})

/**
 * Cleans one cell: trims spaces (also full-width and non-breaking ones) and removes what
 * spreadsheets add to keep long numbers as text — a `="…"` wrapper, a leading apostrophe or tab.
 *
 * @example
 * cleanCell(' ="6222020200004321" ') //=> '6222020200004321'
 * cleanCell("'6217000010001234")     //=> '6217000010001234'
 */
export function cleanCell(cell: string | undefined): string {
  if (cell === undefined) return ''
  // trim() removes exactly what \s matches (full-width and non-breaking spaces included), in
  // linear time; the regex /[\s…]+$/ backtracks quadratically over a long run of inner spaces.
  let text = cell.trim()
  const wrapped = /^="(.*)"$/s.exec(text)
  if (wrapped) text = wrapped[1]!.trim()
  if (text.startsWith("'")) text = text.slice(1).trim()
  return text
}

/** Result of {@link cleanAccount}. */
export type AccountCell = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly message: string }

/**
 * Normalises an account or card number: spaces and dashes between digit groups are removed.
 * A number a spreadsheet turned into scientific notation (`6.22202E+18`) has lost digits and is refused;
 * so is one the case file's identifier rule refuses (a control character, a lone surrogate, more
 * than 256 characters). The value is NFC-normalised, as case ids are.
 *
 * @example
 * cleanAccount('6222 0202 0000 4321') //=> { ok: true, value: '6222020200004321' }
 * cleanAccount('6.22202E+18')         //=> { ok: false, message: '…' }
 */
export function cleanAccount(cell: string): AccountCell {
  const text = cleanCell(cell)
  if (/^\d+(\.\d+)?E\+?\d+$/i.test(text)) {
    return { ok: false, message: `account ${JSON.stringify(text)} was turned into scientific notation by a spreadsheet and has lost digits; export the column as text` }
  }
  const compact = /^[\d\s-]+$/.test(text) ? text.replace(/[\s-]/g, '') : text
  if (compact === '') return { ok: true, value: '' }
  // The case file's identifier rule: an account id a case would refuse is refused here too.
  const problem = idProblem(compact)
  if (problem !== undefined) return { ok: false, message: `account ${problem.replace(/^id /, '')}` }
  return { ok: true, value: compact.normalize('NFC') }
}

/** Result of {@link parseSignedAmount}: magnitude in minor units and the sign the cell carried. */
export type SignedAmount =
  | { readonly ok: true; readonly value: bigint; readonly sign: -1 | 0 | 1 }
  | { readonly ok: false; readonly code: AmountProblem; readonly message: string }

/**
 * Parses an amount cell that may carry a sign (`-500.00`, `+500.00`, `500.00-`), a currency
 * mark (`¥`, `元`) and thousands separators (`1,234.50`). `value` is the magnitude, which may be
 * zero; `sign` is the sign written (0 when none).
 *
 * @example
 * parseSignedAmount('-1,234.50', 2) //=> { ok: true, value: 123450n, sign: -1 }
 * parseSignedAmount('0.00', 2)      //=> { ok: true, value: 0n, sign: 0 }
 * parseSignedAmount('12.345', 2)    //=> { ok: false, code: 'amount_precision', … }
 */
export function parseSignedAmount(cell: string, digits: number): SignedAmount {
  let text = cleanCell(cell).replace(/^[¥￥]|元$|^(?:CNY|RMB)\s*/gi, '').trim()
  let sign: -1 | 0 | 1 = 0
  if (/^[+-]/.test(text)) {
    sign = text.startsWith('-') ? -1 : 1
    text = text.slice(1).trim()
  } else if (/-$/.test(text)) {
    sign = -1
    text = text.slice(0, -1).trim()
  }
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) text = text.replace(/,/g, '')
  if (text === '') return { ok: false, code: 'invalid_amount', message: 'amount is empty' }
  if (/^0+(\.0+)?$/.test(text)) {
    const dot = text.indexOf('.')
    if (dot !== -1 && text.length - dot - 1 > digits) {
      return { ok: false, code: 'amount_precision', message: `amount ${JSON.stringify(cell.trim())} has more decimal digits than the currency's ${digits}` }
    }
    return { ok: true, value: 0n, sign }
  }
  const parsed = parseAmount(text, digits)
  if (!parsed.ok) {
    const code = parsed.code === 'amount_not_positive' ? 'invalid_amount' : parsed.code
    return { ok: false, code, message: parsed.message.replace(JSON.stringify(text), JSON.stringify(cell.trim())) }
  }
  return { ok: true, value: parsed.value, sign }
}

/**
 * Parses a balance cell into signed minor units (an overdrawn account has a negative balance).
 *
 * @example
 * parseBalanceCell('12,000.00', 2) //=> 1200000n
 * parseBalanceCell('-5.00', 2)     //=> -500n
 * parseBalanceCell('abc', 2)       //=> undefined
 */
export function parseBalanceCell(cell: string, digits: number): bigint | undefined {
  const parsed = parseSignedAmount(cell, digits)
  if (!parsed.ok) return undefined
  return parsed.sign === -1 ? -parsed.value : parsed.value
}

/**
 * Reads a direction flag. Unknown values give `undefined`.
 *
 * @example
 * parseDirection('出')  //=> 'out'
 * parseDirection(' 贷 ') //=> 'in'
 * parseDirection('1', { '1': 'out' }) //=> 'out'
 */
export function parseDirection(cell: string, extra?: Readonly<Record<string, Direction>>): Direction | undefined {
  const text = cleanCell(cell)
  if (extra && Object.hasOwn(extra, text)) return extra[text]
  const key = text.toLowerCase()
  return Object.hasOwn(DIRECTION_VALUES, key) ? DIRECTION_VALUES[key] : undefined
}

/**
 * Normalises a header for comparison: spaces removed, full-width brackets and colons made ASCII,
 * 帐 read as 账, ASCII letters lower-cased, a trailing unit such as `(元)` removed.
 *
 * @example
 * normaliseHeader(' 交易金额（元） ') //=> '交易金额'
 * normaliseHeader('IP 地址')          //=> 'ip地址'
 * normaliseHeader('对方帐号')          //=> '对方账号'
 */
export function normaliseHeader(header: string): string {
  return header
    .replace(/^\ufeff/, '')
    .replace(/[\s\u3000\u00a0]+/g, '')
    .replace(/（/g, '(').replace(/）/g, ')').replace(/：/g, ':')
    .replace(/帐/g, '账')
    .replace(/\((元|人民币|rmb|cny)\)$/i, '')
    .replace(/:$/, '')
    .toLowerCase()
}

/**
 * Whether a success-flag cell (交易是否成功) says the movement failed.
 *
 * @example
 * isFailedFlag('失败') //=> true
 * isFailedFlag('成功') //=> false
 */
export function isFailedFlag(cell: string): boolean {
  return /^(失败|交易失败|否|不成功|n|no|false|failed|fail)$/i.test(cleanCell(cell))
}

/**
 * Normalises a currency cell: 人民币, RMB, CNY, 156 → `CNY`; empty → `undefined`; others upper-cased.
 *
 * @example
 * normaliseCurrency('人民币') //=> 'CNY'
 * normaliseCurrency('usd')    //=> 'USD'
 */
export function normaliseCurrency(cell: string): string | undefined {
  const text = cleanCell(cell)
  if (text === '') return undefined
  if (/^(人民币|人民币元|rmb|cny|156|本币)$/i.test(text)) return 'CNY'
  if (/^(美元|usd|840)$/i.test(text)) return 'USD'
  if (/^(港币|港元|hkd|344)$/i.test(text)) return 'HKD'
  if (/^(欧元|eur|978)$/i.test(text)) return 'EUR'
  if (/^(日元|jpy|392)$/i.test(text)) return 'JPY'
  if (/^(英镑|gbp|826)$/i.test(text)) return 'GBP'
  return text.toUpperCase()
}
