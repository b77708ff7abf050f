/**
 * Recognising banks, payment platforms, channels and cash movements from the free text of a
 * statement. Conservative keyword tables: when nothing matches, nothing is claimed.
 *
 * @module io/statements/_infer
 */
import type { AccountKind, Channel } from '../../case/types.js'
import type { Direction } from './types.js'

/** Bank and platform names → institution code, most specific first. */
const INSTITUTIONS: ReadonlyArray<readonly [RegExp, string, AccountKind?]> = [
  [/支付宝|蚂蚁/, 'ALIPAY', 'payment_platform'],
  [/财付通|微信支付|腾讯/, 'TENPAY', 'payment_platform'],
  [/京东支付|网银在线/, 'JDPAY', 'payment_platform'],
  [/拉卡拉/, 'LAKALA', 'payment_platform'],
  [/云闪付/, 'UNIONPAY_APP', 'payment_platform'],
  [/工商银行|工行|^ICBC/i, 'ICBC'],
  [/农业银行|农行|^ABC$/i, 'ABC'],
  [/建设银行|建行|^CCB/i, 'CCB'],
  [/交通银行|交行|^BOCOM/i, 'BOCOM'],
  [/邮政储蓄|邮储|^PSBC/i, 'PSBC'],
  [/招商银行|招行|^CMB$/i, 'CMB'],
  [/中信银行|^CITIC/i, 'CITIC'],
  [/光大银行|^CEB$/i, 'CEB'],
  [/华夏银行/, 'HXB'],
  [/民生银行|^CMBC/i, 'CMBC'],
  [/广发银行/, 'CGB'],
  [/平安银行/, 'PAB'],
  [/兴业银行|^CIB$/i, 'CIB'],
  [/浦东发展银行|浦发银行|^SPDB/i, 'SPDB'],
  [/浙商银行/, 'CZB'],
  [/渤海银行/, 'CBHB'],
  [/恒丰银行/, 'EGB'],
  [/中国银行|中行|^BOC$/i, 'BOC'],
]

/** What the text of a bank or holder name tells about an account. */
export interface InstitutionGuess {
  readonly institution: string
  readonly kind?: AccountKind
}

/**
 * Recognises a bank or payment platform in an opening-bank or holder name.
 *
 * @example
 * recogniseInstitution('中国工商银行股份有限公司济南历下支行') //=> { institution: 'ICBC' }
 * recogniseInstitution('支付宝（中国）网络技术有限公司')       //=> { institution: 'ALIPAY', kind: 'payment_platform' }
 * recogniseInstitution('某某村镇银行')                         //=> undefined
 */
export function recogniseInstitution(text: string): InstitutionGuess | undefined {
  if (text === '') return undefined
  for (const [pattern, institution, kind] of INSTITUTIONS) {
    if (pattern.test(text)) return kind === undefined ? { institution } : { institution, kind }
  }
  return undefined
}

const CHANNELS: ReadonlyArray<readonly [RegExp, Channel, Direction?]> = [
  [/跨境|境外汇入|国际汇入|汇入汇款/, 'cross_border_in', 'in'],
  [/支付宝|财付通|微信|快捷支付|第三方支付|网联|京东支付/, 'third_party'],
  [/POS|刷卡消费|消费/i, 'pos'],
  [/ATM|自助取款|自助存款|取款机|CRS/i, 'atm'],
  [/手机银行|掌上银行|手机转账/, 'mobile'],
  [/网上银行|网银|个人网银|企业网银/, 'online_banking'],
  [/柜面|柜台/, 'counter'],
]

/**
 * Infers the case channel from a statement's summary or channel text; `undefined` when unclear.
 * A value that already is a channel name is returned as it is.
 *
 * @example
 * inferChannel('手机银行转账', 'out') //=> 'mobile'
 * inferChannel('ATM取款', 'out')      //=> 'atm'
 * inferChannel('转账', 'out')         //=> undefined
 */
export function inferChannel(text: string, direction: Direction): Channel | undefined {
  const exact = text.trim().toLowerCase()
  if (['counter', 'atm', 'online_banking', 'mobile', 'pos', 'third_party', 'cross_border_in', 'other'].includes(exact)) return exact as Channel
  for (const [pattern, channel, only] of CHANNELS) {
    if (pattern.test(text) && (only === undefined || only === direction)) return channel
  }
  return undefined
}

/**
 * Whether a row without counterparty is a cash movement: a 现金标志 cell saying 现金/cash, or a
 * summary naming a withdrawal or deposit of cash.
 *
 * @example
 * isCashMovement('', 'ATM取款') //=> true
 * isCashMovement('现金', '')    //=> true
 * isCashMovement('', '结息')    //=> false
 */
export function isCashMovement(cashFlag: string, summary: string): boolean {
  if (/^(现金|现|cash|c)$/i.test(cashFlag.trim())) return true
  if (/^(转账|转|transfer|t)$/i.test(cashFlag.trim())) return false
  return /取现|取款|存现|现金|ATM|CRS|存款机/i.test(summary) && !/转账|转存|转入|转出/.test(summary)
}
