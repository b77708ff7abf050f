import type { Transfer } from '../case/types.js'
import type { Warning } from '../errors/index.js'
import { ContentTable, StringTable, contentHash, sameContent, stringHash } from './_content-table.js'

/** Separator of namespaced ids: victim `V1` of case `JN-17` becomes `JN-17/V1`. */
export const NAMESPACE_SEPARATOR = '/'

/** One case file a joint transfer was found in, and its id there. */
export interface TransferOrigin {
  readonly caseId: string
  readonly id: string
}

/**
 * The transfers of the joint case, built one case file at a time. A transfer is merged into the
 * joint transfer with its id, else its serial, else its from/to/amount/time (the first that exists
 * decides); one that matches on id or serial but moves other money is kept apart as `caseId/id`
 * with a `conflicting_duplicate` warning. Lookups are one Map per id and serial and a numeric
 * content hash table; where each joint transfer came from is kept in a typed array, with objects
 * only for transfers that were merged or renamed.
 */
export class JointTransfers {
  /** The joint transfers, in the order they were first met. */
  readonly list: Transfer[] = []
  private readonly byId: StringTable
  private readonly bySerial: StringTable
  private readonly byContent: ContentTable
  /** Joint index → number (in `caseIds`) of the case that brought it. */
  private readonly firstCase: Int32Array
  /** Joint index → its id in that case, for transfers kept apart under `caseId/id`. */
  private readonly renamedFrom = new Map<number, string>()
  /** Joint index → the later case files merged into it. */
  private readonly mergedFrom = new Map<number, TransferOrigin[]>()

  /** `caseIds[n]` is case number n; `capacity` bounds the transfers of all cases together. */
  constructor(private readonly caseIds: readonly string[], capacity: number, private readonly warnings: Warning[]) {
    this.byId = new StringTable(capacity)
    this.bySerial = new StringTable(capacity)
    this.byContent = new ContentTable(capacity)
    this.firstCase = new Int32Array(capacity)
  }

  /** Places transfer `t` of case number `caseNo`; returns its joint id. */
  place(caseNo: number, t: Transfer): string {
    const idHash = stringHash(t.id)
    const serialHash = t.serial === undefined ? 0 : stringHash(t.serial)
    const hash = contentHash(t)
    let at = this.byId.find(t.id, idHash)
    if (at < 0 && t.serial !== undefined) at = this.bySerial.find(t.serial, serialHash)
    if (at < 0) at = this.byContent.find(t, hash)
    if (at < 0) return this.append(t, caseNo, idHash, serialHash, hash)
    const existing = this.list[at]!
    if (sameContent(existing, t)) {
      this.merge(at, caseNo, t.id)
      return existing.id
    }
    return this.keepApart(t, caseNo, serialHash, hash, existing.id)
  }

  /** Where the joint transfer `id` was found, first case first; undefined for an unknown id. */
  sourcesOf(id: string): TransferOrigin[] | undefined {
    const at = this.byId.find(id, stringHash(id))
    return at < 0 ? undefined : this.sourcesAt(at)
  }

  /** Whether `id` is a joint transfer id. */
  has(id: string): boolean {
    return this.byId.find(id, stringHash(id)) >= 0
  }

  /** Where the joint transfer at index `at` was found, first case first. */
  sourcesAt(at: number): TransferOrigin[] {
    const first: TransferOrigin = { caseId: this.caseIds[this.firstCase[at]!]!, id: this.renamedFrom.get(at) ?? this.list[at]!.id }
    const merged = this.mergedFrom.get(at)
    return merged === undefined ? [first] : [first, ...merged]
  }

  /** Adds a transfer whose id, serial and content are all new. */
  private append(t: Transfer, caseNo: number, idHash: number, serialHash: number, hash: number): string {
    const at = this.list.length
    this.list.push(t)
    this.byId.addIfAbsent(t.id, idHash, at)
    if (t.serial !== undefined) this.bySerial.addIfAbsent(t.serial, serialHash, at)
    this.byContent.addIfAbsent(t, hash, at)
    this.firstCase[at] = caseNo
    return t.id
  }

  private merge(at: number, caseNo: number, id: string): void {
    const source: TransferOrigin = { caseId: this.caseIds[caseNo]!, id }
    const merged = this.mergedFrom.get(at)
    if (merged === undefined) this.mergedFrom.set(at, [source])
    else merged.push(source)
  }

  /**
   * Keeps `t` apart as `caseId/id` and warns. Should that id exist already (the same conflicting
   * file linked twice), the later transfer takes its place and its sources start over.
   */
  private keepApart(t: Transfer, caseNo: number, serialHash: number, hash: number, sharedWith: string): string {
    const caseId = this.caseIds[caseNo]!
    const id = `${caseId}${NAMESPACE_SEPARATOR}${t.id}`
    this.warnings.push({
      code: 'conflicting_duplicate',
      message: `transfer ${t.id} of case ${caseId} shares its ${sharedWith === t.id ? 'id' : 'serial'} with ${sharedWith} but not its from/to/amount/time; kept apart as ${id}`,
      path: ['cases', caseId, 'transfers', t.id],
    })
    const renamed: Transfer = { ...t, id }
    const idHash = stringHash(id)
    let at = this.byId.find(id, idHash)
    if (at < 0) {
      at = this.list.length
      this.list.push(renamed)
      this.byId.addIfAbsent(id, idHash, at)
    } else {
      this.list[at] = renamed
      this.mergedFrom.delete(at)
    }
    if (t.serial !== undefined) this.bySerial.addIfAbsent(t.serial, serialHash, at)
    this.byContent.addIfAbsent(renamed, hash, at)
    this.firstCase[at] = caseNo
    this.renamedFrom.set(at, t.id)
    return id
  }
}

/**
 * `LinkedCases.sources` without a Map entry per transfer: lookups go to the joint transfers'
 * index; iterating builds the whole map once, in joint transfer order.
 */
export class TransferSources implements ReadonlyMap<string, readonly TransferOrigin[]> {
  private whole: Map<string, readonly TransferOrigin[]> | undefined

  constructor(private readonly transfers: JointTransfers) {}

  get size(): number {
    return this.transfers.list.length
  }

  get(id: string): readonly TransferOrigin[] | undefined {
    return this.transfers.sourcesOf(id)
  }

  has(id: string): boolean {
    return this.transfers.has(id)
  }

  forEach(callback: (value: readonly TransferOrigin[], key: string, map: ReadonlyMap<string, readonly TransferOrigin[]>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.materialized()) callback.call(thisArg, value, key, this)
  }

  entries(): MapIterator<[string, readonly TransferOrigin[]]> {
    return this.materialized().entries()
  }

  keys(): MapIterator<string> {
    return this.materialized().keys()
  }

  values(): MapIterator<readonly TransferOrigin[]> {
    return this.materialized().values()
  }

  [Symbol.iterator](): MapIterator<[string, readonly TransferOrigin[]]> {
    return this.entries()
  }

  private materialized(): Map<string, readonly TransferOrigin[]> {
    if (this.whole === undefined) {
      const { list } = this.transfers
      this.whole = new Map()
      for (let at = 0; at < list.length; at++) this.whole.set(list[at]!.id, this.transfers.sourcesAt(at))
    }
    return this.whole
  }
}
