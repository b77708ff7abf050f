import type { LinkReport } from '../../link/link-report.js'
import { maskReport, reportMasker } from './mask.js'

/**
 * Masks a link report the way {@link maskReport} masks one report: the joint report, and with the
 * same masks every account in the per-case actions and the cross-case ranking, and every victim
 * name in the per-case sheets. Case ids, victim ids and amounts are kept.
 *
 * @example
 * maskLinkReport(toLinkReport(linked, trace(linked.joint))).crossCase[0].account //=> '6222 **** **** 4321'
 */
export function maskLinkReport(report: LinkReport): LinkReport {
  const { id, name } = reportMasker(report.joint)
  return {
    ...report,
    joint: maskReport(report.joint),
    cases: report.cases.map((c) => ({
      ...c,
      victims: c.victims.map((v) => (v.name === undefined ? v : { ...v, name: name(v.name) })),
      actions: c.actions.map((a) => ({ ...a, account: id(a.account) })),
    })),
    crossCase: report.crossCase.map((a) => ({ ...a, account: id(a.account) })),
  }
}
