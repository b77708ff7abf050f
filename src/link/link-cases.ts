import type { Account, Case, Victim } from '../case/types.js'
import { FundtraceError, type Issue, type Warning } from '../errors/index.js'
import { compareCodePoints } from '../ledger/index.js'
import { JointTransfers, NAMESPACE_SEPARATOR, TransferSources, type TransferOrigin } from './_joint-transfers.js'

export { NAMESPACE_SEPARATOR, type TransferOrigin }

/** The joint case of several case files, and how its parts map back to them. */
export interface LinkedCases {
  readonly joint: Case
  /** Case id → the joint ids of its victims. */
  readonly victimsByCase: ReadonlyMap<string, readonly string[]>
  /** Joint transfer id → the (caseId, original id) pairs it merges. */
  readonly sources: ReadonlyMap<string, readonly TransferOrigin[]>
  readonly warnings: readonly Warning[]
}

/**
 * Links case files into one joint case so victims of different cases who fed the same mule
 * accounts share its money exactly instead of each case over-claiming it. Victims are namespaced
 * `caseId/victimId`. A transfer found in several files is merged when it has the same id, the same
 * serial, or the same from/to/amount/time; one that matches but differs (same id or serial, other
 * content) is kept apart under `caseId/id` and reported as `conflicting_duplicate` — never merged.
 * Cases are taken in caseId order, so the result does not depend on the order given.
 *
 * @example
 * const { joint } = linkCases([caseA, caseB])
 * trace(joint, { method: 'fifo' })
 */
export function linkCases(cases: readonly Case[]): LinkedCases {
  if (cases.length === 0) throw new FundtraceError([{ code: 'invalid_option', message: 'linkCases needs at least one case', path: [] }])
  const ordered = [...cases].sort((a, b) => compareCodePoints(a.caseId, b.caseId))
  checkCompatible(ordered)
  const warnings: Warning[] = []
  const transfers = new JointTransfers(ordered.map((c) => c.caseId), countTransfers(ordered), warnings)
  const accounts = new Map<string, Account>()
  const victims: Victim[] = []
  const victimsByCase = new Map<string, string[]>()
  const seenCases = new Set<string>()

  for (let caseNo = 0; caseNo < ordered.length; caseNo++) {
    const c = ordered[caseNo]!
    seenCases.add(c.caseId)
    const jointIdOf = placeTransfers(caseNo, c, transfers)
    for (const a of [...c.accounts].sort((x, y) => compareCodePoints(x.id, y.id))) {
      const prior = accounts.get(a.id)
      if (!prior) accounts.set(a.id, a)
      else if (prior.kind !== a.kind || prior.openingBalance !== a.openingBalance) {
        warnings.push({ code: 'metadata_conflict', message: `account ${a.id} is described differently in case ${c.caseId}; the description from the first case (by id) is used`, path: ['accounts', a.id] })
      }
    }
    const ids = victimsByCase.get(c.caseId) ?? []
    for (const v of c.victims) {
      const id = `${c.caseId}${NAMESPACE_SEPARATOR}${v.id}`
      if (ids.includes(id)) continue
      ids.push(id)
      victims.push({ ...v, id, transfers: v.transfers.map((t) => jointIdOf.get(t)!) })
    }
    victimsByCase.set(c.caseId, ids)
  }
  claimOnce(victims, warnings)
  const first = ordered[0]!
  const mixed = !ordered.every((c) => c.caseType === first.caseType)
  if (mixed) {
    warnings.push({
      code: 'metadata_conflict',
      message: `the linked cases mix ${[...new Set(ordered.map((c) => c.caseType))].join(' and ')}; the joint trace applies the telecom-fraud holds (5-day stops on unfunded accounts) — plan each case's own stops with its case type`,
      path: ['cases'],
    })
  }
  const asOfs = ordered.map((c) => c.asOf).filter((x): x is number => x !== undefined)
  const joint: Case = {
    format: first.format,
    caseId: [...seenCases].join('+'),
    caseType: mixed ? 'telecom_fraud' : first.caseType,
    currency: first.currency,
    timezone: first.timezone,
    ...(asOfs.length > 0 ? { asOf: asOfs.reduce((a, b) => (a > b ? a : b)) } : {}),
    accounts: [...accounts.values()],
    victims,
    transfers: transfers.list,
  }
  return { joint, victimsByCase, sources: new TransferSources(transfers), warnings }
}

function countTransfers(cases: readonly Case[]): number {
  let n = 0
  for (const c of cases) n += c.transfers.length
  return n
}

/**
 * Places every transfer of case number `caseNo` among the joint transfers; returns the joint id of
 * each transfer its victims name (the last one of an id, should the case repeat it).
 */
function placeTransfers(caseNo: number, c: Case, transfers: JointTransfers): Map<string, string> {
  const named = new Set<string>()
  for (const v of c.victims) for (const t of v.transfers) named.add(t)
  const jointIdOf = new Map<string, string>()
  for (const t of c.transfers) {
    const jointId = transfers.place(caseNo, t)
    if (named.has(t.id)) jointIdOf.set(t.id, jointId)
  }
  return jointIdOf
}

/** A transfer claimed as fraudulent by victims of two cases stays with the first (by case id). */
function claimOnce(victims: Victim[], warnings: Warning[]): void {
  const claimedBy = new Map<string, string>()
  for (let i = 0; i < victims.length; i++) {
    const v = victims[i]!
    const kept = v.transfers.filter((t) => {
      const owner = claimedBy.get(t)
      if (owner === undefined) {
        claimedBy.set(t, v.id)
        return true
      }
      if (owner !== v.id) warnings.push({ code: 'conflicting_duplicate', message: `transfer ${t} is claimed by victims ${owner} and ${v.id}; it stays with ${owner}`, path: ['victims', v.id, 'transfers', t] })
      return false
    })
    victims[i] = { ...v, transfers: kept }
  }
}

function checkCompatible(cases: readonly Case[]): void {
  const currency = cases[0]!.currency
  const issues: Issue[] = cases.filter((c) => c.currency !== currency).map((c) => ({
    code: 'unsupported_currency' as const, message: `case ${c.caseId} is in ${c.currency}, the others in ${currency}; link cases of one currency`, path: ['cases', c.caseId, 'currency'],
  }))
  for (const c of cases) {
    if (c.caseType === 'trade_dispute') {
      issues.push({ code: 'out_of_scope', message: `case ${c.caseId} is a trade dispute (贸易纠纷), outside the stop-payment procedure; leave it out of the link`, path: ['cases', c.caseId, 'caseType'] })
    }
  }
  if (issues.length > 0) throw new FundtraceError(issues)
}
