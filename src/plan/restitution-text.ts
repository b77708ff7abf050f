/**
 * Plain-language texts of the restitution plan, in Chinese and English.
 *
 * @module plan/restitution-text
 */
import type { Method } from '../report/types.js'
import { fmtGrouped } from './_lib/money.js'
import { METHOD_RULES } from './labels.js'
import type { RestitutionRule } from './restitution.js'

/**
 * A text in both languages.
 *
 * @example
 * ruleText('rateable', 'pro_rata').zh
 */
export interface Bilingual {
  readonly zh: string
  readonly en: string
}

const PROVISIONS_ZH = '《电信网络新型违法犯罪案件冻结资金返还若干规定》(2016)'
const PROVISIONS_EN = 'the 2016 Provisions on Returning Frozen Funds in Telecom/Network Fraud Cases'

/**
 * The rule of an account's attribution in words, naming the legal basis and the tracing rule.
 *
 * @example
 * ruleText('time_ordered', 'fifo').en
 * //=> "several victims' money reached the account; the time order of the deposits identifies each victim's money (art. 8(2) of …), traced by first in, first out (Clayton's case)"
 */
export function ruleText(rule: RestitutionRule, method: Method): Bilingual {
  const tracing = METHOD_RULES[method]
  switch (rule) {
    case 'single_victim':
      return {
        zh: `该账户仅收到一名受害人的资金，按资金来源认定该受害人（${PROVISIONS_ZH}第八条第（一）项），追踪规则：${tracing.zh}`,
        en: `only one victim's money reached the account, so the money traced to that victim returns to them (art. 8(1) of ${PROVISIONS_EN}), traced by ${tracing.en}`,
      }
    case 'time_ordered':
      return {
        zh: `该账户收到多名受害人的资金，按交易时间顺序推算资金流向认定各受害人（${PROVISIONS_ZH}第八条第（二）项），追踪规则：${tracing.zh}`,
        en: `several victims' money reached the account; the time order of the deposits identifies each victim's money (art. 8(2) of ${PROVISIONS_EN}), traced by ${tracing.en}`,
      }
    case 'rateable':
      return {
        zh: `该账户内多名受害人的资金无法区分，按各受害人被骗金额占比返还（按比例分配，Barlow Clowes v Vaughan；${PROVISIONS_ZH}第八条第（三）项），须先公告30日`,
        en: `several victims' money reached the account and cannot be told apart, so it is shared in proportion to each victim's loss (rateable sharing, Barlow Clowes v Vaughan; art. 8(3) of ${PROVISIONS_EN}) after a 30-day public notice`,
      }
    case 'unattributed':
      return {
        zh: '追踪未发现受害人资金进入该账户，冻结资金继续冻结',
        en: 'the trace found no victim money in the account; the frozen money stays frozen',
      }
  }
}

/**
 * Facts of one victim's restitution, in minor units.
 *
 * @example
 * explainVictim(facts).en
 */
export interface VictimFacts {
  readonly id: string
  readonly name?: string | undefined
  readonly currency: string
  readonly digits: number
  readonly method: Method
  readonly loss: bigint
  readonly restoredBefore: bigint
  readonly returned: bigint
  readonly remaining: bigint
  readonly parts: readonly { readonly account: string; readonly amount: bigint; readonly rule: RestitutionRule }[]
  /** Whether some return was capped at the loss not yet restored. */
  readonly capped: boolean
}

/**
 * One victim's restitution explained: loss, what returns from which account (by its last four
 * digits, 尾号) under which rule, and what is still not restored.
 *
 * @example
 * explainVictim({ id: 'A', name: '王芳', currency: 'CNY', digits: 2, method: 'fifo', loss: 100000n, restoredBefore: 0n,
 *   returned: 40000n, remaining: 60000n, parts: [{ account: '6222020200004321', amount: 40000n, rule: 'single_victim' }], capped: false }).en
 * //=> "王芳 (A) lost 1,000.00 CNY. 400.00 CNY returns from the account ending 4321: only one victim's money reached … In total 400.00 CNY will be returned; 600.00 CNY of the loss is not yet restored."
 */
export function explainVictim(f: VictimFacts): Bilingual {
  const money = (m: bigint) => `${fmtGrouped(m, f.digits)} ${f.currency}`
  const who = f.name === undefined ? f.id : `${f.name} (${f.id})`
  const zh: string[] = [`${who}被骗${money(f.loss)}。`]
  const en: string[] = [`${who} lost ${money(f.loss)}.`]
  if (f.restoredBefore > 0n) {
    zh.push(`此前已返还${money(f.restoredBefore)}。`)
    en.push(`${money(f.restoredBefore)} had already been restored.`)
  }
  for (const p of f.parts) {
    const text = ruleText(p.rule, f.method)
    zh.push(`从尾号${tail(p.account)}的账户返还${money(p.amount)}：${text.zh}。`)
    en.push(`${money(p.amount)} returns from the account ending ${tail(p.account)}: ${text.en}.`)
  }
  if (f.capped) {
    zh.push('返还金额以尚未挽回的被骗金额为限。')
    en.push('Returns are capped at the part of the loss not yet restored.')
  }
  if (f.parts.length === 0) {
    zh.push(`目前没有可认定为您的冻结资金；尚有${money(f.remaining)}未挽回。`)
    en.push(`No frozen money can be attributed to you yet; ${money(f.remaining)} of the loss is not yet restored.`)
  } else {
    zh.push(`合计返还${money(f.returned)}；尚有${money(f.remaining)}未挽回。`)
    en.push(`In total ${money(f.returned)} will be returned; ${money(f.remaining)} of the loss is not yet restored.`)
  }
  return { zh: zh.join(''), en: en.join(' ') }
}

function tail(account: string): string {
  return account.length <= 4 ? account : account.slice(-4)
}
