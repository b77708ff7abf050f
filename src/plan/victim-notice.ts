/**
 * The notice given to a victim (DESIGN.md §1 step 4): the level-1 accounts their money went to,
 * and guidance to report to the police — nothing else the bank collected or froze.
 *
 * @module plan/victim-notice
 */
import { FundtraceError } from '../errors/index.js'
import type { Report } from '../report/types.js'
import { compareCodePoints } from './_lib/order.js'
import { assertInScope } from './scope.js'

/**
 * A level-1 account as shown to the victim.
 *
 * @example
 * victimNotice(report, 'V1').accounts[0] //=> { account: '6222…', holder: '李四', institution: 'ICBC', branch: '历下支行' }
 */
export interface NoticeAccount {
  readonly account: string
  /** Omitted when unknown, or when it coincides with another victim's name or id (that would disclose them). */
  readonly holder?: string
  readonly institution?: string
  readonly branch?: string
}

/**
 * What the victim is given.
 *
 * @example
 * const notice: VictimNotice = victimNotice(report, 'V1')
 */
export interface VictimNotice {
  readonly caseId: string
  readonly victim: { readonly id: string; readonly name?: string }
  /** The accounts that received the victim's fraudulent transfers directly (一级账户), by account id. */
  readonly accounts: readonly NoticeAccount[]
  /** What to do next, in Chinese and English. */
  readonly guidance: { readonly zh: string; readonly en: string }
}

/**
 * The guidance text of every notice.
 *
 * @example
 * VICTIM_GUIDANCE.zh.includes('110') //=> true
 */
export const VICTIM_GUIDANCE: VictimNotice['guidance'] = Object.freeze({
  zh: '您的资金已转入以下一级账户。请立即拨打110报警,或携带本人身份证件、银行卡和转账凭证到就近公安机关报案,'
    + '并向民警提供以下账户信息。银行已按程序采取紧急措施,后续处置以公安机关通知为准。'
    + '请勿再向任何人转账,银行和公安机关不会要求您把钱转入“安全账户”。',
  en: 'Your money was transferred to the first-level accounts below. Call 110 now, or go to the nearest police station '
    + 'with your identity document, bank card and transfer receipts, and give the officers these account details. '
    + 'The bank has taken emergency measures under its procedure; what happens next will come from the police. '
    + 'Do not transfer money to anyone: neither the bank nor the police will ever ask you to move money to a "safe account".',
})

/**
 * The notice for one victim: only the accounts at level 1 **for that victim** (those that
 * received one of the victim's fraudulent transfers), each with account id, holder, institution
 * and branch, plus the guidance to report to the police. No amounts, no deeper accounts, no
 * other victim: a holder name equal to another victim's name or id is left out, and an account
 * reached first by another victim's money but only later by this victim's is not listed.
 * Throws `unknown_victim` for an id not in the report.
 *
 * @example
 * victimNotice(report, 'V1')
 * //=> { caseId: 'JN-…', victim: { id: 'V1', name: '王芳' },
 * //     accounts: [{ account: '6222020200004321', holder: '李四', institution: 'ICBC', branch: '历下支行' }],
 * //     guidance: { zh: '您的资金已转入以下一级账户。…', en: 'Your money was transferred …' } }
 */
export function victimNotice(report: Report, victimId: string): VictimNotice {
  assertInScope(report.caseType)
  const victim = report.victims.find((v) => v.id === victimId)
  if (!victim) {
    throw new FundtraceError([{ code: 'unknown_victim', message: `fundtrace/plan: victim ${JSON.stringify(victimId)} is not in the report`, path: ['victimId'] }])
  }
  const others = new Set<string>()
  for (const v of report.victims) {
    if (v.id === victimId) continue
    others.add(v.id)
    if (v.name !== undefined) others.add(v.name)
  }
  const accounts = report.accounts
    .filter((a) => a.level === 1 && a.levels[victimId] === 1 && !others.has(a.id))
    .map((a): NoticeAccount => ({
      account: a.id,
      ...(a.holder !== undefined && !others.has(a.holder) ? { holder: a.holder } : {}),
      ...(a.institution !== undefined && !others.has(a.institution) ? { institution: a.institution } : {}),
      ...(a.branch !== undefined && !others.has(a.branch) ? { branch: a.branch } : {}),
    }))
    .sort((x, y) => compareCodePoints(x.account, y.account))
  return {
    caseId: report.caseId,
    victim: { id: victim.id, ...(victim.name !== undefined ? { name: victim.name } : {}) },
    accounts,
    guidance: VICTIM_GUIDANCE,
  }
}
