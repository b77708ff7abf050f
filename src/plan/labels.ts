/**
 * Labels of the plan's enumerations in Chinese and English, used by the exports and texts.
 *
 * @module plan/labels
 */
import type { CaseType } from '../case/types.js'
import type { ActionKind, Hold, Method, Severity } from '../report/types.js'

/**
 * Language of headers and labels in exports: `zh` (default, for the forms) or `en`.
 *
 * @example
 * packetCsv(packet, { language: 'en' })
 */
export type Language = 'zh' | 'en'

/**
 * Case type labels.
 *
 * @example
 * CASE_TYPE_LABELS.telecom_fraud.zh //=> '电信网络诈骗'
 */
export const CASE_TYPE_LABELS: Readonly<Record<CaseType, Readonly<Record<Language, string>>>> = {
  telecom_fraud: { zh: '电信网络诈骗', en: 'telecom/network fraud' },
  online_banking_theft: { zh: '网银盗刷', en: 'online-banking theft' },
  trade_dispute: { zh: '贸易纠纷', en: 'trade dispute' },
}

/**
 * Severity band labels (数额较大/巨大/特别巨大).
 *
 * @example
 * SEVERITY_LABELS.huge.zh //=> '数额巨大'
 */
export const SEVERITY_LABELS: Readonly<Record<Severity, Readonly<Record<Language, string>>>> = {
  below_threshold: { zh: '未达数额较大', en: 'below threshold' },
  large: { zh: '数额较大', en: 'large' },
  huge: { zh: '数额巨大', en: 'huge' },
  especially_huge: { zh: '数额特别巨大', en: 'especially huge' },
}

/**
 * Hold labels.
 *
 * @example
 * HOLD_LABELS['5d'].zh //=> '有效期5天'
 */
export const HOLD_LABELS: Readonly<Record<Hold, Readonly<Record<Language, string>>>> = {
  long_term: { zh: '长期有效', en: 'long-term' },
  '5d': { zh: '有效期5天', en: '5 days' },
}

/**
 * Action kind labels.
 *
 * @example
 * ACTION_LABELS.stop_payment.en //=> 'stop payment'
 */
export const ACTION_LABELS: Readonly<Record<ActionKind, Readonly<Record<Language, string>>>> = {
  stop_payment: { zh: '紧急止付', en: 'stop payment' },
  escalate_platform: { zh: '上报省反诈中心(第三方支付/POS)', en: 'escalate to anti-fraud centre (payment platform/POS)' },
  delay_credit: { zh: '汇款延缓入账', en: 'delay crediting' },
  return_to_origin: { zh: '汇款原路退回', en: 'return to origin' },
  reverse_transaction: { zh: '交易冲正', en: 'reverse transaction' },
}

/**
 * Tracing methods with the court rule each one applies.
 *
 * @example
 * METHOD_RULES.fifo.en //=> "first in, first out (Clayton's case)"
 */
export const METHOD_RULES: Readonly<Record<Method, Readonly<Record<Language, string>>>> = {
  fifo: { zh: '先进先出（克莱顿规则，Clayton\'s case）', en: "first in, first out (Clayton's case)" },
  lifo: { zh: '后进先出', en: 'last in, first out' },
  victim_last: {
    zh: '最低中间余额规则（推定行为人先用自有资金，Re Hallett\'s Estate、Roscoe v Winder）',
    en: "lowest intermediate balance (the wrongdoer spends own money first; Re Hallett's Estate, Roscoe v Winder)",
  },
  pro_rata: { zh: '按比例分配（Barlow Clowes v Vaughan）', en: 'rateable sharing (Barlow Clowes v Vaughan)' },
}

/**
 * Label of an action with its hold, e.g. `紧急止付(长期有效)` / `stop payment (long-term)`.
 *
 * @example
 * actionLabel({ kind: 'stop_payment', hold: '5d' }, 'en') //=> 'stop payment (5 days)'
 */
export function actionLabel(action: { readonly kind: ActionKind; readonly hold?: Hold }, language: Language): string {
  const base = ACTION_LABELS[action.kind][language]
  if (action.hold === undefined) return base
  const hold = HOLD_LABELS[action.hold][language]
  return language === 'zh' ? `${base}(${hold})` : `${base} (${hold})`
}
