import type { Transfer } from '../case/types.js'
import type { Warning } from '../errors/index.js'
import { hashString } from '../case/_strings.js'
import { ContentTable, StringTable, contentHash, isBig, stringHash, type NumericContent } from './_content-table.js'

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
 * with a `conflicting_duplicate` warning. Serial and content matches pair transfers of different
 * cases one to one: a joint transfer never takes a second transfer of a case it already holds one
 * of, so two equal-looking transfers of one case stay two (each case file alone is the authority
 * on how many transfers it holds). The caller numbers accounts (equal ids, equal numbers)
 * and gives each transfer's content as numbers, so content is hashed and compared without reading
 * a string; the joint transfers are also laid out as columns (`from`, `to`, `time`, `amount`,
 * `flags`, by joint index) for the joint case's {@link TransferColumns}. A joint transfer is the
 * input object itself unless it was kept apart. Where each joint transfer came from is kept in a
 * typed array, with objects only for transfers that were merged or renamed.
 */
export class JointTransfers {
  /** The joint transfers, in the order they were first met. */
  readonly list: Transfer[] = []
  readonly from: Int32Array<ArrayBuffer>
  readonly to: Int32Array<ArrayBuffer>
  readonly time: Float64Array<ArrayBuffer>
  readonly amount: Float64Array<ArrayBuffer>
  readonly flags: Uint8Array<ArrayBuffer>
  /** Joint index → amount, for amounts above 2^53 - 1. */
  readonly bigAmounts = new Map<number, bigint>()
  /**
   * Open hash on joint ids, laid out as {@link TransferColumns} keeps its own (the joint case's
   * columns take it over): per slot, joint index + 1 and the id's `hashString`.
   */
  readonly idSlots: Int32Array<ArrayBuffer>
  readonly idHashes: Int32Array<ArrayBuffer>
  /** Whether a joint transfer was replaced (a conflicting file linked twice): `list` is no longer in first-met order. */
  replaced = false
  private bySerial: StringTable | undefined
  private byContent: ContentTable | undefined
  private readonly key: NumericContent = { from: 0, to: 0, amount: 0, time: 0, exact: 0n }
  /** Joint index → number (in `caseIds`) of the case that brought it. */
  private readonly firstCase: Int32Array
  /** Joint index → the last case number placed into it (cases are placed in number order). */
  private readonly lastCase: Int32Array
  /** Joint transfers of equal content, chained in creation order from the one the content table finds (-1 ends a chain). */
  private readonly nextSameContent: Int32Array
  /** Per chain head: its last link, and where the current case's search for an unclaimed link resumes. */
  private readonly chainTail: Int32Array
  private readonly chainCursor: Int32Array
  private readonly chainCursorCase: Int32Array
  /** Joint index → its id in that case, for transfers kept apart under `caseId/id`. */
  private readonly renamedFrom = new Map<number, string>()
  /** Joint index → the later case files merged into it. */
  private readonly mergedFrom = new Map<number, TransferOrigin[]>()

  /** `caseIds[n]` is case number n; `capacity` bounds the transfers of all cases together. */
  constructor(private readonly caseIds: readonly string[], capacity: number, private readonly warnings: Warning[]) {
    const slots = 2 ** Math.ceil(Math.log2(capacity * 2 + 1))
    this.idSlots = new Int32Array(Math.max(slots, 2048))
    this.idHashes = new Int32Array(this.idSlots.length)
    this.bySerial = new StringTable(capacity)
    this.byContent = new ContentTable(capacity)
    this.firstCase = new Int32Array(capacity)
    this.lastCase = new Int32Array(capacity)
    this.nextSameContent = new Int32Array(capacity).fill(-1)
    this.chainTail = new Int32Array(capacity)
    this.chainCursor = new Int32Array(capacity)
    this.chainCursorCase = new Int32Array(capacity).fill(-1)
    this.from = new Int32Array(capacity)
    this.to = new Int32Array(capacity)
    this.time = new Float64Array(capacity)
    this.amount = new Float64Array(capacity)
    this.flags = new Uint8Array(capacity)
  }

  /**
   * Places transfer `t` of case number `caseNo`; returns its joint index. `from` and `to` are its
   * accounts' numbers, `amount` is `Number(t.amount)`, `time` is `t.time`, `flags` its
   * `transferFlags`.
   */
  place(caseNo: number, t: Transfer, from: number, to: number, amount: number, time: number, flags: number): number {
    const bySerial = this.bySerial!
    const byContent = this.byContent!
    const { key } = this
    key.from = from
    key.to = to
    key.amount = amount
    key.time = time
    key.exact = t.amount
    const idHash = hashString(t.id)
    const serialHash = t.serial === undefined ? 0 : stringHash(t.serial)
    const hash = contentHash(from, to, amount, time)
    const sameContent = byContent.find(key, hash)
    let at = this.findId(t.id, idHash)
    if (at < 0 && t.serial !== undefined) {
      at = bySerial.find(t.serial, serialHash)
      if (at >= 0 && this.lastCase[at] === caseNo) at = -1
    }
    if (at < 0 && sameContent >= 0) at = this.unclaimedSameContent(sameContent, caseNo)
    const created = at < 0
    if (created) {
      at = this.list.length
      this.list.push(t)
      this.addId(idHash, at)
    } else if (this.from[at] === from && this.to[at] === to && this.time[at] === time && this.amount[at] === amount && (!isBig(amount) || this.list[at]!.amount === t.amount)) {
      this.merge(at, caseNo, t.id)
      this.lastCase[at] = caseNo
      return at
    } else {
      const length = this.list.length
      at = this.keepApart(t, caseNo, this.list[at]!.id)
      if (at === length) this.chainSameContent(sameContent, at, key, hash)
    }
    if (created) this.chainSameContent(sameContent, at, key, hash)
    if (t.serial !== undefined) bySerial.addIfAbsent(t.serial, serialHash, at)
    this.firstCase[at] = caseNo
    this.lastCase[at] = caseNo
    this.from[at] = from
    this.to[at] = to
    this.time[at] = time
    this.amount[at] = amount
    this.flags[at] = flags
    if (isBig(amount)) this.bigAmounts.set(at, t.amount)
    else this.bigAmounts.delete(at)
    return at
  }

  /** Every transfer is placed: drops the serial and content tables (lookups by id stay). */
  done(): void {
    this.bySerial = undefined
    this.byContent = undefined
  }

  /** Where the joint transfer `id` was found, first case first; undefined for an unknown id. */
  sourcesOf(id: string): TransferOrigin[] | undefined {
    const at = this.findId(id, hashString(id))
    return at < 0 ? undefined : this.sourcesAt(at)
  }

  /** Whether `id` is a joint transfer id. */
  has(id: string): boolean {
    return this.findId(id, hashString(id)) >= 0
  }

  /** Where the joint transfer at index `at` was found, first case first. */
  sourcesAt(at: number): TransferOrigin[] {
    const first: TransferOrigin = { caseId: this.caseIds[this.firstCase[at]!]!, id: this.renamedFrom.get(at) ?? this.list[at]!.id }
    const merged = this.mergedFrom.get(at)
    return merged === undefined ? [first] : [first, ...merged]
  }

  /** The joint index of id `id` (its `hashString` is `hash`), or -1. */
  private findId(id: string, hash: number): number {
    const { idSlots, idHashes, list } = this
    const mask = idSlots.length - 1
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const k = idSlots[slot]!
      if (k === 0) return -1
      if (idHashes[slot] === hash && list[k - 1]!.id === id) return k - 1
    }
  }

  /** Registers the id of the joint transfer at `at` (new: no joint transfer has it). */
  private addId(hash: number, at: number): void {
    const { idSlots, idHashes } = this
    const mask = idSlots.length - 1
    let slot = hash & mask
    while (idSlots[slot] !== 0) slot = (slot + 1) & mask
    idSlots[slot] = at + 1
    idHashes[slot] = hash
  }

  /** The first joint transfer of the chain at `head` that holds no transfer of case `caseNo` yet, or -1. */
  private unclaimedSameContent(head: number, caseNo: number): number {
    const { lastCase, nextSameContent } = this
    let at = this.chainCursorCase[head] === caseNo ? this.chainCursor[head]! : head
    while (at >= 0 && lastCase[at] === caseNo) at = nextSameContent[at]!
    this.chainCursorCase[head] = caseNo
    this.chainCursor[head] = at
    return at
  }

  /** Registers the new joint transfer `at` under its content: a new chain, or the last link of the chain at `head`. */
  private chainSameContent(head: number, at: number, key: NumericContent, hash: number): void {
    if (head < 0) {
      this.byContent!.addIfAbsent(key, hash, at)
      this.chainTail[at] = at
      return
    }
    this.nextSameContent[this.chainTail[head]!] = at
    this.chainTail[head] = at
  }

  private merge(at: number, caseNo: number, id: string): void {
    const source: TransferOrigin = { caseId: this.caseIds[caseNo]!, id }
    const merged = this.mergedFrom.get(at)
    if (merged === undefined) this.mergedFrom.set(at, [source])
    else merged.push(source)
  }

  /**
   * Keeps `t` apart as `caseId/id` and warns; returns its joint index. Should that id exist
   * already (the same conflicting file linked twice), the later transfer takes its place and its
   * sources start over.
   */
  private keepApart(t: Transfer, caseNo: number, sharedWith: string): number {
    const caseId = this.caseIds[caseNo]!
    const id = `${caseId}${NAMESPACE_SEPARATOR}${t.id}`
    this.warnings.push({
      code: 'conflicting_duplicate',
      message: `transfer ${t.id} of case ${caseId} shares its ${sharedWith === t.id ? 'id' : 'serial'} with ${sharedWith} but not its from/to/amount/time; kept apart as ${id}`,
      path: ['cases', caseId, 'transfers', t.id],
    })
    const renamed: Transfer = { ...t, id }
    const idHash = hashString(id)
    let at = this.findId(id, idHash)
    if (at < 0) {
      at = this.list.length
      this.list.push(renamed)
      this.addId(idHash, at)
    } else {
      this.list[at] = renamed
      this.mergedFrom.delete(at)
      this.replaced = true
    }
    this.renamedFrom.set(at, t.id)
    return at
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
