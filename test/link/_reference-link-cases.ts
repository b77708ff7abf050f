// The linkCases of commit 2cd29c6, before issue 10's rewrite: kept only as the oracle the
// equivalence test compares the fast implementation against. Do not import from src. One change since:
// each case's accounts are read in id order (metadata_conflict warnings no longer follow input order).
import type { Account, Case, Transfer, Victim } from '../../src/case/types.js'
import { FundtraceError, type Issue, type Warning } from '../../src/errors/index.js'
import { compareCodePoints } from '../../src/ledger/index.js'

/** Separator of namespaced ids: victim `V1` of case `JN-17` becomes `JN-17/V1`. */
export const NAMESPACE_SEPARATOR = '/'

/** The joint case of several case files, and how its parts map back to them. */
export interface LinkedCases {
  readonly joint: Case
  /** Case id → the joint ids of its victims. */
  readonly victimsByCase: ReadonlyMap<string, readonly string[]>
  /** Joint transfer id → the (caseId, original id) pairs it merges. */
  readonly sources: ReadonlyMap<string, readonly { readonly caseId: string; readonly id: string }[]>
  readonly warnings: readonly Warning[]
}

type Content = Pick<Transfer, 'from' | 'to' | 'amount' | 'time'>

/**
 * Links case files into one joint case so victims of different cases who fed the same mule
 * accounts share its money exactly instead of each case over-claiming it. Victims are namespaced
 * `caseId/victimId`. A transfer found in several files is merged when it has the same id, the same
 * serial, or the same from/to/amount/time; one that matches but differs (same id or serial, other
 * content) is kept apart under `caseId/id` and reported as `conflicting_duplicate` — never merged.
 * Cases are taken in caseId order, so the result does not depend on the order given.
 *
 * @example
 * const { joint } = referenceLinkCases([caseA, caseB])
 * trace(joint, { method: 'fifo' })
 */
export function referenceLinkCases(cases: readonly Case[]): LinkedCases {
  if (cases.length === 0) throw new FundtraceError([{ code: 'invalid_option', message: 'linkCases needs at least one case', path: [] }])
  const ordered = [...cases].sort((a, b) => compareCodePoints(a.caseId, b.caseId))
  checkCompatible(ordered)
  const warnings: Warning[] = []
  const transfers = new Map<string, Transfer>()
  const sources = new Map<string, { caseId: string; id: string }[]>()
  const bySerial = new Map<string, string>()
  const byContent = new Map<string, string[]>()
  const claimed = new Map<string, Set<number>>()
  const accounts = new Map<string, Account>()
  const victims: Victim[] = []
  const victimsByCase = new Map<string, string[]>()
  const seenCases = new Set<string>()

  for (const [caseNo, c] of ordered.entries()) {
    seenCases.add(c.caseId)
    const jointIdOf = new Map<string, string>()
    for (const t of c.transfers) {
      const jointId = placeTransfer(caseNo, c.caseId, t, { transfers, sources, bySerial, byContent, claimed, warnings })
      jointIdOf.set(t.id, jointId)
    }
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
    transfers: [...transfers.values()],
  }
  return { joint, victimsByCase, sources, warnings }
}

interface Index {
  transfers: Map<string, Transfer>
  sources: Map<string, { caseId: string; id: string }[]>
  bySerial: Map<string, string>
  /** Content → every joint id with it, in creation order. */
  byContent: Map<string, string[]>
  /** Joint id → the case numbers (positions in the ordered cases) placed into it. */
  claimed: Map<string, Set<number>>
  warnings: Warning[]
}

/** Serial and content matches pair one transfer per case: never one a case already placed into. */
function placeTransfer(caseNo: number, caseId: string, t: Transfer, index: Index): string {
  const content = contentKey(t)
  const unclaimed = (id: string | undefined) => (id !== undefined && !index.claimed.get(id)!.has(caseNo) ? id : undefined)
  const candidates = [
    index.transfers.has(t.id) ? t.id : undefined,
    t.serial !== undefined ? unclaimed(index.bySerial.get(t.serial)) : undefined,
    (index.byContent.get(content) ?? []).find((id) => unclaimed(id) !== undefined),
  ]
  for (const candidate of candidates) {
    if (candidate === undefined) continue
    const existing = index.transfers.get(candidate)!
    if (sameContent(existing, t)) {
      index.sources.get(candidate)!.push({ caseId, id: t.id })
      index.claimed.get(candidate)!.add(caseNo)
      return candidate
    }
    index.warnings.push({
      code: 'conflicting_duplicate',
      message: `transfer ${t.id} of case ${caseId} shares its ${candidate === t.id ? 'id' : 'serial'} with ${candidate} but not its from/to/amount/time; kept apart as ${caseId}${NAMESPACE_SEPARATOR}${t.id}`,
      path: ['cases', caseId, 'transfers', t.id],
    })
    const renamed: Transfer = { ...t, id: `${caseId}${NAMESPACE_SEPARATOR}${t.id}` }
    add(renamed, caseNo, caseId, t.id, content, index)
    return renamed.id
  }
  add(t, caseNo, caseId, t.id, content, index)
  return t.id
}

function add(t: Transfer, caseNo: number, caseId: string, originalId: string, content: string, index: Index): void {
  const known = index.transfers.has(t.id)
  index.transfers.set(t.id, t)
  index.sources.set(t.id, [{ caseId, id: originalId }])
  index.claimed.set(t.id, new Set([caseNo]))
  if (t.serial !== undefined && !index.bySerial.has(t.serial)) index.bySerial.set(t.serial, t.id)
  if (!known) index.byContent.set(content, [...(index.byContent.get(content) ?? []), t.id])
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

function contentKey(t: Content): string {
  return `${t.from}\u0000${t.to}\u0000${t.amount}\u0000${t.time}`
}

function sameContent(a: Content, b: Content): boolean {
  return a.from === b.from && a.to === b.to && a.amount === b.amount && a.time === b.time
}
