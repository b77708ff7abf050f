/**
 * Merging statements: a transfer between two queried accounts appears twice — as 出 in the
 * sender's statement and as 进 in the receiver's (and again in an overlapping statement of the
 * same account). Merging keeps it once, and refuses to guess where the data do not decide.
 *
 * @module io/statements/merge
 */
import { formatAmount } from '../../case/money.js'
import { formatTime } from '../../case/time.js'
import type { Transfer } from '../../case/types.js'
import { FundtraceError, type Issue, type Warning } from '../../errors/index.js'
import type { AccountHint, Direction, StatementImport } from './types.js'

/** A row of one of the merged statements: `statement` is its index in the input array. */
export interface StatementRowRef {
  readonly statement: number
  readonly row: number
}

/** Options of {@link mergeStatements}. */
export interface MergeOptions {
  /** Largest time difference between two rows of the same transfer without a common serial. Default 60 000 ms. */
  readonly toleranceMs?: number
  /**
   * Two rows that both carry a serial, but different ones: `fuzzy` (default) still matches them
   * on accounts, amount and time, because banks number their own side of an interbank transfer
   * independently; `distinct` treats them as different transfers (all statements from one bank).
   */
  readonly serialMismatch?: 'fuzzy' | 'distinct'
  /** Throw a {@link FundtraceError} with the `conflicting_duplicate` issues instead of returning them. */
  readonly strict?: boolean
  /**
   * What to do with rows that could match several rows of another statement. `keep` (default):
   * merge nothing and warn `ambiguous_match`. `pair_in_order`: when such a group holds rows of
   * exactly two statements, as many in each, pair them in time order if every pair is within the
   * tolerance — the rows have the same accounts and amount, so they are interchangeable and the
   * merged transfers are the same whichever pairing is true — and warn `duplicate_merged`; other
   * groups are kept as with `keep`.
   */
  readonly ambiguous?: 'keep' | 'pair_in_order'
  /** Add a `duplicate_merged` warning for every merge made without a common serial. Default false. */
  readonly reportMerges?: boolean
  /** Currency digits for messages. Default 2. */
  readonly digits?: number
  /** Timezone for messages. Default Asia/Shanghai. */
  readonly timezone?: string
}

/** A warning of the merge, naming the statement rows it is about. */
export interface MergeWarning extends Warning {
  readonly rows: readonly StatementRowRef[]
}

/** A `conflicting_duplicate` issue: rows with the same serial and accounts but different amounts. */
export interface MergeConflict extends Issue {
  readonly rows: readonly StatementRowRef[]
}

/** Result of {@link mergeStatements}. */
export interface MergedStatements {
  /** One transfer per distinct movement, ordered by time then id; ids unique. */
  readonly transfers: Transfer[]
  /** `provenance[i]`: the statement rows behind `transfers[i]`. */
  readonly provenance: { readonly transfer: string; readonly rows: readonly StatementRowRef[] }[]
  /** The account hints of every statement, with the statement they come from. */
  readonly accounts: (AccountHint & { readonly statement: number })[]
  readonly warnings: MergeWarning[]
  /** Same serial and accounts, different amounts: both rows kept, never merged. */
  readonly conflicts: MergeConflict[]
}

interface Entry {
  readonly index: number
  readonly statement: number
  readonly row: number
  readonly transfer: Transfer
  readonly direction: Direction | undefined
}

/**
 * Merges imported statements into one list of transfers. Rows of different statements are the
 * same transfer when
 * 1. they carry the same serial with the same from and to (a certain match) — with different
 *    amounts that is a `conflicting_duplicate` conflict, and both rows are kept; or
 * 2. otherwise, they have the same from, to and amount and times at most `toleranceMs` apart,
 *    and neither has another such candidate in the other's statement. Where a row could match
 *    several rows of one statement, nothing is merged and an `ambiguous_match` warning names the
 *    rows: the analyst decides (the money may then be counted twice, visibly) — or, with
 *    `ambiguous: 'pair_in_order'`, equal runs of interchangeable rows are paired in time order.
 * Rows of one statement are never merged with each other. A merged transfer takes its id and
 * serial from the sender's row (a row with a serial first), its channel from the sender's side,
 * and its time from the receiver's row (when the money became spendable there).
 *
 * @example
 * const merged = mergeStatements([senderStatement, receiverStatement], { toleranceMs: 60_000 })
 * merged.transfers     //=> each transfer once
 * merged.provenance[0] //=> { transfer: 'T1', rows: [{ statement: 0, row: 2 }, { statement: 1, row: 5 }] }
 */
export function mergeStatements(imports: readonly StatementImport[], options: MergeOptions = {}): MergedStatements {
  const tolerance = options.toleranceMs ?? 60_000
  if (typeof tolerance !== 'number' || !Number.isFinite(tolerance) || tolerance < 0) {
    throw new FundtraceError([{ code: 'invalid_option', message: 'fundtrace/statements/merge: toleranceMs must be a non-negative number', path: ['toleranceMs'] }])
  }
  const digits = options.digits ?? 2
  const timezone = options.timezone ?? 'Asia/Shanghai'
  const describeRef = (e: Entry) => `statement ${e.statement + 1} row ${e.row}`
  const describeMove = (e: Entry) => `${e.transfer.from} → ${e.transfer.to} ${formatAmount(e.transfer.amount, digits)} at ${formatTime(e.transfer.time, timezone)}`

  const entries: Entry[] = []
  imports.forEach((stmt, statement) => {
    stmt.transfers.forEach((transfer, t) => {
      const line = stmt.lines?.[t]
      entries.push({ index: entries.length, statement, row: line?.row ?? t + 1, transfer, direction: line?.direction })
    })
  })
  const serialSets = new UnionFind(entries.length)
  const decided = new Uint8Array(entries.length)
  const warnings: MergeWarning[] = []
  const conflicts: MergeConflict[] = []

  // 1. Serial matches.
  const bySerial = new Map<string, Entry[]>()
  for (const e of entries) {
    if (e.transfer.serial === undefined || e.transfer.serial === '') continue
    const key = `${e.transfer.serial}\u0000${e.transfer.from}\u0000${e.transfer.to}`
    const list = bySerial.get(key)
    if (list) list.push(e)
    else bySerial.set(key, [e])
  }
  for (const group of bySerial.values()) {
    const statements = new Set(group.map((e) => e.statement))
    if (statements.size < 2) continue
    const rows = group.map(ref)
    const serial = group[0]!.transfer.serial!
    if (group.some((e) => e.transfer.amount !== group[0]!.transfer.amount)) {
      for (const e of group) decided[e.index] = 1
      conflicts.push({
        code: 'conflicting_duplicate', path: ['statements', group[0]!.statement], row: group[0]!.row, rows,
        message: `serial ${serial} (${group[0]!.transfer.from} → ${group[0]!.transfer.to}) has different amounts: ${group.map((e) => `${describeRef(e)} ${formatAmount(e.transfer.amount, digits)}`).join(', ')}; rows kept apart, not merged`,
      })
    } else if (statements.size < group.length) {
      for (const e of group) decided[e.index] = 1
      warnings.push({
        code: 'ambiguous_match', path: ['statements', group[0]!.statement], rows,
        message: `serial ${serial} (${describeMove(group[0]!)}) appears more than once in one statement: ${group.map(describeRef).join(', ')}; not merged — check them`,
      })
    } else {
      for (const e of group.slice(1)) serialSets.union(group[0]!.index, e.index)
    }
  }

  // 2. Matches on accounts, amount and time, between units (single rows or serial-merged rows).
  const units = new Map<number, Unit>()
  for (const e of entries) {
    if (decided[e.index]) continue
    const root = serialSets.find(e.index)
    let u = units.get(root)
    if (!u) units.set(root, (u = { root, entries: [], statements: new Set(), serials: new Set(), min: Infinity, max: -Infinity, key: `${e.transfer.from}\u0000${e.transfer.to}\u0000${e.transfer.amount}` }))
    u.entries.push(e)
    u.statements.add(e.statement)
    if (e.transfer.serial) u.serials.add(e.transfer.serial)
    u.min = Math.min(u.min, e.transfer.time)
    u.max = Math.max(u.max, e.transfer.time)
  }
  const buckets = new Map<string, Unit[]>()
  for (const u of units.values()) {
    const list = buckets.get(u.key)
    if (list) list.push(u)
    else buckets.set(u.key, [u])
  }
  const distinctSerials = options.serialMismatch === 'distinct'
  // Per unit: how many candidates it has in each statement (a clash is two in one statement).
  const perStatement = new Map<Unit, Map<number, number>>()
  const count = (u: Unit, v: Unit) => {
    let m = perStatement.get(u)
    if (!m) perStatement.set(u, (m = new Map()))
    for (const s of v.statements) m.set(s, (m.get(s) ?? 0) + 1)
  }
  const edges: [Unit, Unit][] = []
  for (const bucket of buckets.values()) {
    if (bucket.length < 2) continue
    bucket.sort((a, b) => a.min - b.min || a.root - b.root)
    for (let i = 0; i < bucket.length; i++) {
      const u = bucket[i]!
      for (let j = i + 1; j < bucket.length && bucket[j]!.min <= u.max + tolerance; j++) {
        const v = bucket[j]!
        if (!disjoint(u.statements, v.statements)) continue
        if (distinctSerials && u.serials.size > 0 && v.serials.size > 0 && disjoint(u.serials, v.serials)) continue
        if (!close(u, v, tolerance)) continue
        edges.push([u, v])
        count(u, v)
        count(v, u)
      }
    }
  }
  // u clashes for v when another candidate of u shares a statement with v.
  const clashes = (u: Unit, v: Unit) => {
    const m = perStatement.get(u)!
    for (const s of v.statements) if (m.get(s)! >= 2) return true
    return false
  }
  const merged = new UnionFind(entries.length)
  for (let i = 0; i < entries.length; i++) merged.union(serialSets.find(i), i)
  const rejected = new UnionFind(entries.length)
  const rejectedRoots = new Set<number>()
  const accepted: [Unit, Unit][] = []
  for (const [u, v] of edges) {
    if (clashes(u, v) || clashes(v, u)) {
      rejected.union(u.root, v.root)
      rejectedRoots.add(u.root)
      rejectedRoots.add(v.root)
    } else {
      accepted.push([u, v])
      merged.union(u.root, v.root)
    }
  }
  // Matching is not transitive: a chain of accepted matches must not join two rows of one statement.
  const badClusters = new Set<number>()
  for (const [root, group] of groupBy(entries, (e) => merged.find(e.index))) {
    if (new Set(group.map((e) => e.statement)).size < group.length) badClusters.add(root)
  }
  if (badClusters.size > 0) {
    for (const [u, v] of accepted) {
      if (!badClusters.has(merged.find(u.root))) continue
      rejected.union(u.root, v.root)
      rejectedRoots.add(u.root)
      rejectedRoots.add(v.root)
    }
    const members = entries.filter((e) => badClusters.has(merged.find(e.index)))
    for (const e of members) merged.detach(e.index, serialSets.find(e.index))
  }
  const ambiguous = groupBy([...rejectedRoots].map((r) => units.get(r)!), (u) => rejected.find(u.root))
  const clusterSize = new Map<number, number>()
  for (const e of entries) clusterSize.set(merged.find(e.index), (clusterSize.get(merged.find(e.index)) ?? 0) + 1)
  for (const group of ambiguous.values()) {
    const rowsOf = group.flatMap((u) => u.entries).sort(byRef)
    if (options.ambiguous === 'pair_in_order') {
      const pairs = pairInOrder(group, tolerance, (u) => clusterSize.get(merged.find(u.root)) === u.entries.length)
      if (pairs !== undefined) {
        for (const [u, v] of pairs) merged.union(u.root, v.root)
        warnings.push({
          code: 'duplicate_merged', path: ['statements', rowsOf[0]!.statement], rows: rowsOf.map(ref),
          message: `rows ${listRefs(rowsOf, describeRef)} (${pairs.length} transfers of ${describeMove(rowsOf[0]!).replace(/ at .*$/, '')}, each within ${tolerance / 1000} s of one another) paired in time order; they are interchangeable`,
        })
        continue
      }
    }
    warnings.push({
      code: 'ambiguous_match', path: ['statements', rowsOf[0]!.statement], rows: rowsOf.map(ref),
      message: `rows ${listRefs(rowsOf, describeRef)} (${describeMove(rowsOf[0]!)}) could each be the same transfer as more than one other row within ${tolerance / 1000} s; not merged, so this money may be counted twice — check them`,
    })
  }
  if (options.reportMerges) {
    for (const [u, v] of accepted) {
      if (merged.find(u.root) !== merged.find(v.root)) continue
      const rowsOf = [...u.entries, ...v.entries].sort(byRef)
      warnings.push({
        code: 'duplicate_merged', path: ['statements', rowsOf[0]!.statement], rows: rowsOf.map(ref),
        message: `${rowsOf.map(describeRef).join(' and ')} merged as one transfer (${describeMove(rowsOf[0]!)}; times ${Math.abs(u.min - v.min) / 1000} s apart, no common serial)`,
      })
    }
  }

  // 3. One transfer per cluster.
  const clusters = [...groupBy(entries, (e) => merged.find(e.index)).values()].map((group) => build(group.sort(byRef)))
  clusters.sort((a, b) => a.transfer.time - b.transfer.time || cmp(a.transfer.id, b.transfer.id) || byRef(a.rows[0]!, b.rows[0]!))
  const used = new Set<string>()
  const transfers: Transfer[] = []
  const provenance: MergedStatements['provenance'] = []
  for (const c of clusters) {
    let id = c.transfer.id
    if (used.has(id)) {
      const first = c.rows[0]!
      id = `${c.transfer.id}#s${first.statement + 1}r${first.row}`
      for (let k = 2; used.has(id); k++) id = `${c.transfer.id}#s${first.statement + 1}r${first.row}-${k}`
    }
    used.add(id)
    transfers.push(id === c.transfer.id ? c.transfer : { ...c.transfer, id })
    provenance.push({ transfer: id, rows: c.rows })
  }
  if (options.strict && conflicts.length > 0) throw new FundtraceError(conflicts)
  warnings.sort((a, b) => byRef(a.rows[0]!, b.rows[0]!))
  const accounts = imports.flatMap((stmt, statement) => (stmt.accounts ?? []).map((a) => ({ ...a, statement })))
  return { transfers, provenance, accounts, warnings, conflicts }
}

interface Unit {
  readonly root: number
  readonly entries: Entry[]
  readonly statements: Set<number>
  readonly serials: Set<string>
  readonly key: string
  min: number
  max: number
}

function build(group: Entry[]): { transfer: Transfer; rows: StatementRowRef[] } {
  const outs = group.filter((e) => e.direction === 'out')
  const ins = group.filter((e) => e.direction === 'in')
  const rep = outs.find((e) => e.transfer.serial) ?? group.find((e) => e.transfer.serial) ?? outs[0] ?? group[0]!
  const channel = [...outs, ...group].find((e) => e.transfer.channel !== undefined)?.transfer.channel
  const time = (ins[0] ?? rep).transfer.time
  const status = group.some((e) => e.transfer.status === 'posted') ? 'posted' : rep.transfer.status
  const { channel: _c, ...base } = rep.transfer
  const transfer: Transfer = { ...base, time, status, ...(channel === undefined ? {} : { channel }) }
  return { transfer, rows: group.map(ref) }
}

/** Pairs the single-statement units of two statements in time order, or `undefined` when that is not safe. */
function pairInOrder(group: readonly Unit[], tolerance: number, alone: (u: Unit) => boolean): [Unit, Unit][] | undefined {
  if (!group.every((u) => u.statements.size === 1 && u.entries.length === 1 && alone(u))) return undefined
  const sides = groupBy(group, (u) => u.entries[0]!.statement)
  if (sides.size !== 2) return undefined
  const [left, right] = [...sides.values()].map((side) => [...side].sort((a, b) => a.min - b.min || a.entries[0]!.row - b.entries[0]!.row)) as [Unit[], Unit[]]
  if (left.length !== right.length) return undefined
  const pairs = left.map((u, k): [Unit, Unit] => [u, right[k]!])
  return pairs.every(([u, v]) => Math.abs(u.min - v.min) <= tolerance) ? pairs : undefined
}

function close(u: Unit, v: Unit, tolerance: number): boolean {
  for (const a of u.entries) for (const b of v.entries) if (Math.abs(a.transfer.time - b.transfer.time) <= tolerance) return true
  return false
}

function disjoint<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  for (const x of a) if (b.has(x)) return false
  return true
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>()
  for (const item of items) push(map, key(item), item)
  return map
}

function listRefs(entries: readonly Entry[], describe: (e: Entry) => string): string {
  const shown = entries.slice(0, 12).map(describe).join(', ')
  return entries.length > 12 ? `${shown} … and ${entries.length - 12} more` : shown
}

function ref(e: Entry): StatementRowRef {
  return { statement: e.statement, row: e.row }
}

function byRef(a: StatementRowRef, b: StatementRowRef): number {
  return a.statement - b.statement || a.row - b.row
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Union-find over entry indices, with the ability to split a member back to a given root. */
class UnionFind {
  private readonly parent: Int32Array
  constructor(size: number) {
    this.parent = new Int32Array(size)
    for (let i = 0; i < size; i++) this.parent[i] = i
  }
  find(x: number): number {
    let root = x
    while (this.parent[root] !== root) root = this.parent[root]!
    while (this.parent[x] !== root) { const next = this.parent[x]!; this.parent[x] = root; x = next }
    return root
  }
  union(a: number, b: number): void {
    const ra = this.find(a), rb = this.find(b)
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb)
  }
  /** Moves `x` back under `root`, which becomes a root again (to split a whole set into given parts). */
  detach(x: number, root: number): void {
    this.parent[x] = root
    this.parent[root] = root
  }
}
