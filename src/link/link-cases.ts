import { columnsOf, transferFlags, TransferColumns, type CaseHeader } from '../case/columns.js'
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
 * Serial and content matches pair transfers of different files one to one: two equal-looking
 * transfers of one file stay two, so a case linked alone traces exactly as it does alone.
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
  const accountNumbers = headerAccountNumbers(ordered)

  for (let caseNo = 0; caseNo < ordered.length; caseNo++) {
    const c = ordered[caseNo]!
    seenCases.add(c.caseId)
    const jointIdOf = placeTransfers(caseNo, c, transfers, accountNumbers)
    for (const a of accountsById(c)) {
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
  const joint = jointCase(header, transfers, accountNumbers)
  return { joint, victimsByCase, sources: new TransferSources(transfers), warnings }
}

function countTransfers(cases: readonly Case[]): number {
  let n = 0
  for (const c of cases) n += c.transfers.length
  return n
}

/**
 * Places every transfer of case number `caseNo` among the joint transfers; returns the joint id of
 * each transfer its victims name (the last one of an id, should the case repeat it). A parsed case
 * is read from its columns: each of its accounts is numbered once, not once per transfer.
 */
function placeTransfers(caseNo: number, c: Case, transfers: JointTransfers, accounts: AccountNumbers): Map<string, string> {
  const list = c.transfers
  const jointIdOf = new Map<string, string>()
  const columns = columnsOf(c)
  if (columns === undefined) {
    const named = new Set<string>()
    for (const v of c.victims) for (const t of v.transfers) named.add(t)
    for (const t of list) {
      const at = transfers.place(caseNo, t, accounts.of(t.from), accounts.of(t.to), Number(t.amount), t.time, transferFlags(t))
      if (named.has(t.id)) jointIdOf.set(t.id, transfers.list[at]!.id)
    }
    return jointIdOf
  }
  const number = new Int32Array(columns.accountIds.length)
  for (let a = 0; a < number.length; a++) number[a] = accounts.of(columns.accountIds[a]!)
  const { from, to, amount, time, flags } = columns
  const jointAt = new Int32Array(list.length)
  for (let i = 0; i < list.length; i++) {
    jointAt[i] = transfers.place(caseNo, columns.freshTransfer(i), number[from[i]!]!, number[to[i]!]!, amount[i]!, time[i]!, flags[i]!)
  }
  // a parsed case's ids are unique: each named id is one transfer
  for (const v of c.victims) {
    for (const id of v.transfers) {
      const i = columns.indexOf(id)
      if (i >= 0) jointIdOf.set(id, transfers.list[jointAt[i]!]!.id)
    }
  }
  return jointIdOf
}

/**
 * The joint Case: its transfers with their columns beside them (as a parsed case has), so `trace`
 * interns and reads nothing again. Accounts are numbered as the columns number them (the header's
 * first, then in transfer order) — unless a joint transfer was replaced, which leaves the list out
 * of first-met order: then the Case has no columns (trace reads its objects, same result).
 */
function jointCase(header: CaseHeader, transfers: JointTransfers, accounts: AccountNumbers): Case {
  transfers.done()
  const { list } = transfers
  if (transfers.replaced) return { ...header, transfers: list }
  const n = list.length
  return TransferColumns.ofColumns(header, list, {
    time: transfers.time.subarray(0, n), amount: transfers.amount.subarray(0, n), flags: transfers.flags.subarray(0, n),
    from: transfers.from.subarray(0, n), to: transfers.to.subarray(0, n), bigAmounts: transfers.bigAmounts,
    accountIds: accounts.names, accountIndex: accounts.numbers, headerAccounts: accounts.headerAccounts,
    idSlots: transfers.idSlots, idHashes: transfers.idHashes,
  }).toCase(list)
}

/**
 * The joint header's accounts numbered first, in the order the joint header lists them: every
 * case's metadata accounts (first mention), then each joint victim's accounts.
 */
function headerAccountNumbers(ordered: readonly Case[]): AccountNumbers {
  const numbers = new AccountNumbers()
  for (const c of ordered) for (const a of accountsById(c)) numbers.of(a.id)
  const victimsByCase = new Map<string, Set<string>>()
  for (const c of ordered) {
    let seen = victimsByCase.get(c.caseId)
    if (seen === undefined) victimsByCase.set(c.caseId, (seen = new Set()))
    for (const v of c.victims) {
      if (seen.has(v.id)) continue
      seen.add(v.id)
      for (const a of v.accounts) numbers.of(a)
    }
  }
  numbers.headerAccounts = numbers.names.length
  return numbers
}

/** A case's account metadata in id order: the joint header and its warnings must not depend on the order a file lists them. */
function accountsById(c: Case): Account[] {
  return [...c.accounts].sort((x, y) => compareCodePoints(x.id, y.id))
}

/** Account ids numbered in the order met: equal ids, equal numbers, across the linked cases. */
class AccountNumbers {
  readonly names: string[] = []
  readonly numbers = new Map<string, number>()
  /** How many of `names` the joint header names (numbered first). */
  headerAccounts = 0

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
