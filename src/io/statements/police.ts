/**
 * The police bank-query feedback format (公安查询反馈 / 银行查询反馈明细): one CSV per queried
 * card, Chinese headers, columns in any order, one row per movement of the queried account.
 *
 * @module io/statements/police
 */
import { importWithSpec, type Field, type FormatSpec, type HeaderNames } from './_core.js'
import type { StatementImport, StatementOptions } from './types.js'

const CARD = ['交易卡号', '查询卡号', '卡号', '本方卡号']
const ACCOUNT = ['交易账号', '查询账号', '账号', '本方账号', '客户账号']

/**
 * Header names accepted for each field, in order of preference: for a field with several
 * columns present, the first non-empty cell wins (so 交易卡号 is the own account, and 交易账号
 * stands in when the card number is empty and is otherwise reported as an alias). Headers are
 * compared without spaces, with full-width brackets, 帐 for 账 and a unit such as `(元)` allowed.
 *
 * @example
 * POLICE_HEADERS.direction //=> ['收付标志', '借贷标志', …]
 */
export const POLICE_HEADERS: Readonly<Record<Field, readonly string[]>> = Object.freeze({
  account: [...CARD, ...ACCOUNT],
  accountAlias: ACCOUNT,
  from: [],
  to: [],
  holder: ['账户开户名称', '交易户名', '户名', '客户名称', '账户名称', '开户名称', '本方户名', '账户户名'],
  time: ['交易时间', '交易日期时间', '交易发生时间', '记账时间', '发生时间', '交易日期', '记账日期'],
  date: ['交易日期', '记账日期'],
  direction: ['收付标志', '借贷标志', '收支标志', '借贷方向', '收付方向', '交易方向', '进出标志', '资金流向', '借贷'],
  amount: ['交易金额', '交易发生额', '发生额', '金额'],
  outAmount: ['支出金额', '借方发生额', '借方金额', '出账金额', '付款金额'],
  inAmount: ['收入金额', '贷方发生额', '贷方金额', '入账金额', '收款金额'],
  balance: ['交易余额', '余额', '账户余额', '联机余额', '交易后余额'],
  counterparty: ['交易对手账卡号', '交易对手账号', '交易对手卡号', '对手账卡号', '对手账号', '对手卡号', '对方账卡号', '对方账号', '对方卡号', '对方账户', '对手账户'],
  counterpartyName: ['交易对手户名', '交易对手名称', '对手户名', '对手名称', '对方户名', '对方名称', '对方账户名称', '对手账户名称'],
  counterpartyInstitution: ['交易对手账号开户行', '交易对手开户行', '交易对手行名', '对手开户银行', '对手开户行', '对方开户行', '对方开户银行', '对方行名', '对方账户开户行'],
  summary: ['摘要说明', '摘要', '交易摘要', '用途', '附言', '备注'],
  channel: ['交易渠道', '渠道', '交易类型', '交易方式'],
  serial: ['交易流水号', '流水号', '交易流水', '业务流水号', '交易参考号', '核心流水号'],
  branch: ['交易网点名称', '交易网点', '网点名称', '交易机构名称', '交易机构'],
  ip: ['IP地址', 'IP'],
  mac: ['MAC地址', 'MAC'],
  currency: ['币种', '交易币种', '货币'],
  success: ['交易是否成功', '是否成功'],
  cashFlag: ['现金标志', '现转标志'],
  status: [],
})

/** Options of {@link importPoliceFeedback}. */
export interface PoliceFeedbackOptions extends StatementOptions {
  /** Which number is the own account when both are filled: 交易卡号 (`card`, default) or 交易账号 (`account`). */
  readonly ownAccount?: 'card' | 'account'
}

function spec(ownAccount: 'card' | 'account'): FormatSpec {
  const headers: HeaderNames = ownAccount === 'card' ? POLICE_HEADERS : { ...POLICE_HEADERS, account: [...ACCOUNT, ...CARD], accountAlias: CARD }
  return {
    name: 'fundtrace/statements/police',
    headers,
    required: (resolved, options) => {
      const fields: Field[] = ['time', 'counterparty']
      if (options.account === undefined) fields.push('account')
      if (resolved.outAmount === undefined && resolved.inAmount === undefined) fields.push('amount')
      return fields
    },
  }
}

/**
 * Imports a police bank-query feedback statement (公安查询反馈). Each row is one movement of the
 * statement's own account: 出 (or 借, 支…) → a transfer from the own account to the
 * counterparty, 进 (贷, 收…) → from the counterparty to the own account. The direction flag
 * decides; a signed amount decides only when the flag is empty; 支出金额/收入金额 column pairs
 * are read too. Times: `2026-03-14 10:02:11`, `20260314100211`, `2026/03/14 10:02:11`… without
 * offset in `timezone` (default Asia/Shanghai).
 *
 * Transfer ids: the 交易流水号 when present (a serial repeated within the file gets `#r<row>`
 * appended), else `<account>:<epoch ms>:<in|out>:<minor units>:r<row>`, e.g.
 * `6222020200004321:1773453731000:out:5000000:r7`.
 *
 * Rows that are not transfers are skipped and reported: blank and footer rows, zero amounts,
 * failed movements (交易是否成功 = 失败), other currencies (币种), movements to the account itself,
 * cash movements without counterparty (unless `cashAccount` is given) and other movements without
 * counterparty (interest, fees). Invalid rows are reported with their row and column, or thrown
 * together with `strict`.
 *
 * @example
 * import { readFileSync } from 'node:fs'
 * const stmt = importPoliceFeedback(readFileSync('6222020200004321.csv'))
 * stmt.transfers[0] //=> { id: 'ICBC2026031410021100001', from: '6217000010001234', to: '6222020200004321', amount: 5000000n, … }
 * stmt.rows === stmt.transfers.length + stmt.invalid.length + stmt.skipped.length //=> true
 */
export function importPoliceFeedback(input: Uint8Array | string, options: PoliceFeedbackOptions = {}): StatementImport {
  return importWithSpec(input, options, spec(options.ownAccount === 'account' ? 'account' : 'card'))
}
