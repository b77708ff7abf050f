import { hashString } from '../case/_strings.js'
import { columnsOf, TransferColumns, type CaseHeader } from '../case/columns.js'
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
  const accountNumbers = new AccountNumbers()

  for (let caseNo = 0; caseNo < ordered.length; caseNo++) {
    const c = ordered[caseNo]!
    seenCases.add(c.caseId)
    const jointIdOf = placeTransfers(caseNo, c, transfers, accountNumbers)
    for (const a of c.accounts) {
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
  const header: CaseHeader = {
    format: first.format,
    caseId: [...seenCases].join('+'),
    caseType: mixed ? 'telecom_fraud' : first.caseType,
    currency: first.currency,
    timezone: first.timezone,
    ...(asOfs.length > 0 ? { asOf: asOfs.reduce((a, b) => (a > b ? a : b)) } : {}),
    accounts: [...accounts.values()],
    victims,
  }
  const joint = jointCase(header, transfers, accountNumbers, ordered.map((c) => columnsOf(c)))
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
function placeTransfers(caseNo: number, c: Case, transfers: JointTransfers, accounts: AccountNumbers): Map<string, string> {
  const named = new Set<string>()
  for (const v of c.victims) for (const t of v.transfers) named.add(t)
  const jointIdOf = new Map<string, string>()
  const list = c.transfers
  const columns = columnsOf(c)
  if (columns !== undefined) {
    // a parsed case: its accounts are numbered once, its ids and serials hashed from its arenas
    const number = new Int32Array(columns.accountIds.length)
    for (let a = 0; a < number.length; a++) number[a] = accounts.of(columns.accountIds[a]!)
    const { from, to, amount, ids, serials } = columns
    for (let i = 0; i < list.length; i++) {
      const t = list[i]!
      const jointId = transfers.place(caseNo, t, i, number[from[i]!]!, number[to[i]!]!, amount[i]!, ids.hash(i), t.serial === undefined ? 0 : serials.hash(i))
      if (named.has(t.id)) jointIdOf.set(t.id, jointId)
    }
    return jointIdOf
  }
  for (let i = 0; i < list.length; i++) {
    const t = list[i]!
    const jointId = transfers.place(caseNo, t, -1, accounts.of(t.from), accounts.of(t.to), Number(t.amount), hashString(t.id), t.serial === undefined ? 0 : hashString(t.serial))
    if (named.has(t.id)) jointIdOf.set(t.id, jointId)
  }
  return jointIdOf
}

/** Account names numbered in the order met (equal names, equal numbers across the linked cases). */
class AccountNumbers {
  readonly names: string[] = []
  private readonly numbers = new Map<string, number>()

  of(name: string): number {
    let n = this.numbers.get(name)
    if (n === undefined) {
      n = this.names.length
      this.names.push(name)
      this.numbers.set(name, n)
    }
    return n
  }
}

/**
 * The joint Case: its transfers are the joint transfer objects, with the columns `trace` reads
 * beside them (each account name looked up once, not once per transfer), as for a parsed case.
 */
function jointCase(header: CaseHeader, transfers: JointTransfers, accounts: AccountNumbers, sources: readonly (TransferColumns | undefined)[]): Case {
  const { list, fromAt, toAt, idFnvAt, firstCase, localAt } = transfers
  const columns = new TransferColumns(header, list.length)
  const index = new Int32Array(accounts.names.length).fill(-1)
  const { names } = accounts
  for (let at = 0; at < list.length; at++) {
    let from = index[fromAt[at]!]!
    if (from < 0) from = index[fromAt[at]!] = columns.internAccount(names[fromAt[at]!]!, Number.POSITIVE_INFINITY)
    let to = index[toAt[at]!]!
    if (to < 0) to = index[toAt[at]!] = columns.internAccount(names[toAt[at]!]!, Number.POSITIVE_INFINITY)
    const local = localAt[at]!
    const source = local < 0 ? undefined : sources[firstCase[at]!]
    const repeated = source !== undefined ? columns.addFrom(source, local, from, to, idFnvAt[at]!) : columns.addInterned(list[at]!, from, to, idFnvAt[at]!)
    if (repeated >= 0) return { ...header, transfers: list } // ids repeat: no columns
  }
  return columns.toCase(list)
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
