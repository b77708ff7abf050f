/**
 * Internal: the fund-flow diagram as data — nodes ranked by level, edges labelled with time and
 * the amount carried per victim, parallel transfers aggregated — shared by the DOT and Mermaid
 * writers so both draw the same picture.
 */
import type { AccountKind } from '../../case/types.js'
import { FundtraceError } from '../../errors/index.js'
import type { Report, ReportAccount, ReportFlow } from '../../report/types.js'
import { maskReport } from './mask.js'
import { formatMinorLike, groupAmount, isPositive, levelName, shortTime, toMinor } from './_text.js'

/** Options of the diagram writers ({@link toDot}, {@link toMermaid}, {@link toSvg}). */
export interface DiagramOptions {
  /** Draw only this victim's money (by victim id): its flows, its levels and what it still holds. */
  readonly victim?: string
  /** Leave out accounts above this level (and the transfers into them). */
  readonly maxLevel?: number
  /** Mask account numbers and names (see {@link maskReport}). */
  readonly mask?: boolean
  /** Parallel transfers between the same two accounts are drawn as one edge when there are more than this many (default 3). */
  readonly aggregateOver?: number
}

/** What a node stands for, which decides its shape and colour. */
export type NodeRole = 'victim' | 'bank' | 'escalation' | 'cash' | 'external'

/** @internal */
export interface DiagramNode {
  /** Sanitised node id: `n0`, `n1` … */
  readonly key: string
  readonly account: string
  readonly rank: number
  readonly role: NodeRole
  readonly kind?: AccountKind
  readonly lines: readonly string[]
  /** Holds catchable victim money (drawn filled). */
  readonly funded: boolean
  /** Part of what it holds is in a pending (not yet credited) transfer. */
  readonly pending: boolean
}

/** @internal */
export interface DiagramEdge {
  readonly from: string
  readonly to: string
  readonly lines: readonly string[]
  /** Every transfer of the edge is pending. */
  readonly pending: boolean
  /** Transfers drawn by this edge (more than one when aggregated). */
  readonly count: number
}

/** @internal */
export interface Diagram {
  readonly title: string
  /** Ranks in ascending order with their nodes (victims' accounts at rank 0). */
  readonly ranks: ReadonlyArray<{ readonly rank: number; readonly label: string; readonly nodes: readonly DiagramNode[] }>
  readonly nodes: readonly DiagramNode[]
  readonly edges: readonly DiagramEdge[]
}

function invalid(message: string, path: string): FundtraceError {
  return new FundtraceError([{ code: 'invalid_option', message: `fundtrace/render: ${message}`, path: [path] }])
}

/**
 * Builds the diagram model of a report. Throws a `FundtraceError` (`invalid_option`) when the
 * report carries no `flows`, names an unknown victim, or an option is out of range.
 *
 * @example
 * const d = buildDiagram(toReport(trace(caseFile), { flows: true }), { maxLevel: 2 })
 * d.ranks.map((r) => r.label) //=> ['受害人 victims', '一级 level 1', '二级 level 2']
 */
export function buildDiagram(input: Report, options: DiagramOptions = {}): Diagram {
  if (input.flows === undefined) throw invalid('the report carries no flows; build it with toReport(result, { flows: true })', 'flows')
  const focus = options.victim
  if (focus !== undefined && !input.victims.some((v) => v.id === focus)) throw invalid(`unknown victim ${JSON.stringify(focus)}`, 'victim')
  const maxLevel = options.maxLevel ?? Infinity
  if (options.maxLevel !== undefined && !(Number.isInteger(options.maxLevel) && options.maxLevel >= 1)) throw invalid('maxLevel must be an integer of at least 1', 'maxLevel')
  const aggregateOver = options.aggregateOver ?? 3
  if (!(aggregateOver === Infinity || (Number.isInteger(aggregateOver) && aggregateOver >= 0))) throw invalid('aggregateOver must be a non-negative integer', 'aggregateOver')

  const report = options.mask ? maskReport(input) : input
  const flows = report.flows ?? []
  const accounts = new Map<string, ReportAccount>(report.accounts.map((a) => [a.id, a]))
  const levelOf = (a: ReportAccount): number | undefined => (focus === undefined ? a.level : a.levels[focus])

  // Victims' own accounts: flow endpoints that are not involved accounts. A flow out of one is a
  // fraudulent transfer, which carries that victim's money only: its owner.
  const owners = new Map<string, Set<string>>()
  for (const f of flows) {
    for (const end of [f.from, f.to]) if (!accounts.has(end) && !owners.has(end)) owners.set(end, new Set())
    if (!accounts.has(f.from)) for (const v of Object.keys(f.carried)) owners.get(f.from)!.add(v)
  }

  const included = (account: string): boolean => {
    if (owners.has(account)) return true
    const a = accounts.get(account)
    const level = a === undefined ? undefined : levelOf(a)
    return level !== undefined && level <= maxLevel
  }
  const shown: ReportFlow[] = flows.filter((f) =>
    (focus === undefined || Object.hasOwn(f.carried, focus)) && included(f.from) && included(f.to))

  // Nodes: victims' accounts (by owner, then id), then involved accounts in report order.
  const used = new Set<string>()
  for (const f of shown) { used.add(f.from); used.add(f.to) }
  const victimName = new Map(report.victims.map((v) => [v.id, v.name]))
  const victimAccounts = [...owners.keys()].filter((id) => used.has(id)).sort((a, b) => {
    const oa = [...owners.get(a)!].sort().join(','), ob = [...owners.get(b)!].sort().join(',')
    return oa < ob ? -1 : oa > ob ? 1 : a < b ? -1 : a > b ? 1 : 0
  })
  const nodes: DiagramNode[] = []
  const keyOf = new Map<string, string>()
  for (const id of victimAccounts) {
    const key = `n${nodes.length}`
    keyOf.set(id, key)
    const who = [...owners.get(id)!].sort().map((v) => [v, victimName.get(v)].filter(Boolean).join(' '))
    nodes.push({ key, account: id, rank: 0, role: 'victim', lines: [who.length > 0 ? who.join(', ') : 'victim', id], funded: false, pending: false })
  }
  for (const a of report.accounts) {
    if (!used.has(a.id)) continue
    const key = `n${nodes.length}`
    keyOf.set(a.id, key)
    nodes.push(accountNode(a, key, levelOf(a) ?? a.level, focus))
  }

  const ranks = new Map<number, DiagramNode[]>()
  for (const n of nodes) {
    const list = ranks.get(n.rank) ?? []
    list.push(n)
    ranks.set(n.rank, list)
  }

  const withDate = new Set(shown.map((f) => f.time.slice(0, 10))).size > 1
  const edges: DiagramEdge[] = []
  const groups = new Map<string, ReportFlow[]>()
  for (const f of shown) {
    const pair = `${keyOf.get(f.from)!}>${keyOf.get(f.to)!}`
    const list = groups.get(pair) ?? []
    list.push(f)
    groups.set(pair, list)
  }
  for (const group of groups.values()) {
    const first = group[0]!
    const from = keyOf.get(first.from)!, to = keyOf.get(first.to)!
    if (group.length > aggregateOver) edges.push({ from, to, count: group.length, pending: group.every((f) => f.pending), lines: aggregateLines(group, focus, withDate) })
    else for (const f of group) edges.push({ from, to, count: 1, pending: f.pending, lines: flowLines(f, focus, withDate) })
  }

  const title = [report.caseId, report.method, report.options.asOf ? `as of ${report.options.asOf}` : 'all transfers',
    ...(focus !== undefined ? [`victim ${[focus, victimName.get(focus)].filter(Boolean).join(' ')}`] : []),
    ...(options.maxLevel !== undefined ? [`levels ≤ ${options.maxLevel}`] : [])].join(' · ')
  return {
    title,
    nodes,
    edges,
    ranks: [...ranks.entries()].sort((a, b) => a[0] - b[0]).map(([rank, list]) => ({ rank, label: rank === 0 ? '受害人 victims' : `${levelName(rank)} level ${rank}`, nodes: list })),
  }
}

function roleOf(kind: AccountKind): NodeRole {
  return kind === 'payment_platform' || kind === 'pos_merchant' ? 'escalation' : kind === 'cash' ? 'cash' : kind === 'external' ? 'external' : 'bank'
}

const KIND_TAG: Readonly<Record<AccountKind, string>> = {
  bank: '',
  payment_platform: 'payment platform 第三方支付',
  pos_merchant: 'POS merchant 商户',
  cash: 'cash out 取现',
  external: 'external 境外/未知',
}

function accountNode(a: ReportAccount, key: string, rank: number, focus: string | undefined): DiagramNode {
  const role = roleOf(a.kind)
  const zero = formatMinorLike(0n, a.heldTotal)
  const held = focus === undefined ? a.heldTotal : (a.held[focus] ?? zero)
  const received = focus === undefined ? sumLike(Object.values(a.received), a.heldTotal) : (a.received[focus] ?? zero)
  const funded = role !== 'cash' && role !== 'external' && isPositive(held)
  const who = [a.holder, a.institution].filter((x): x is string => x !== undefined && x !== '')
  const lines = [a.id]
  if (displayWidth(who.join(' · ')) > 28) lines.push(...who)
  else if (who.length > 0) lines.push(who.join(' · '))
  if (KIND_TAG[a.kind]) lines.push(KIND_TAG[a.kind])
  if (role === 'cash' || role === 'external') lines.push(`exited ${groupAmount(received)}`)
  else if (funded) {
    lines.push(`held ${groupAmount(held)}`)
    if (a.pending) lines.push(focus === undefined ? `pending 在途 ${groupAmount(a.pendingTotal)}` : 'pending 在途')
  }
  else lines.push(`held 0 · received ${groupAmount(received)}`)
  return { key, account: a.id, rank, role, kind: a.kind, lines, funded, pending: funded && a.pending }
}

/** Width in Latin letters: CJK and full-width characters count two. */
function displayWidth(text: string): number {
  let w = 0
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1
  return w
}

/** Sum of decimal amount strings, grouped, with the digits of `like`. */
function sumLike(values: readonly string[], like: string): string {
  let sum = 0n
  for (const v of values) sum += toMinor(v) ?? 0n
  return formatMinorLike(sum, like)
}

function flowLines(f: ReportFlow, focus: string | undefined, withDate: boolean): string[] {
  const head = `${f.transfer} ${shortTime(f.time, withDate)}${f.pending ? ' pending' : ''}`
  if (focus !== undefined) return [head, groupAmount(f.carried[focus] ?? '0')]
  return [head, ...Object.entries(f.carried).map(([v, amount]) => `${v} ${groupAmount(amount)}`)]
}

function aggregateLines(group: readonly ReportFlow[], focus: string | undefined, withDate: boolean): string[] {
  const perVictim = new Map<string, bigint>()
  let like = '0.00'
  for (const f of group) {
    for (const [v, amount] of Object.entries(f.carried)) {
      if (focus !== undefined && v !== focus) continue
      like = amount
      perVictim.set(v, (perVictim.get(v) ?? 0n) + (toMinor(amount) ?? 0n))
    }
  }
  let total = 0n
  for (const m of perVictim.values()) total += m
  const span = `${shortTime(group[0]!.time, withDate)}–${shortTime(group[group.length - 1]!.time, withDate)}`
  const lines = [`×${group.length}, ${formatMinorLike(total, like)}`, span]
  if (focus === undefined && perVictim.size > 1) {
    for (const [v, m] of [...perVictim.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) lines.push(`${v} ${formatMinorLike(m, like)}`)
  }
  return lines
}
