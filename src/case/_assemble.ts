/**
 * Assembles a {@link Case} from a header and a sequence of transfers, whatever format they came
 * in: `parseCase` feeds it a JSON object, the NDJSON and CSV readers feed it one line or row at
 * a time. All validation lives here (and in the modules it calls), so every format yields the
 * same Case and the same issues (readers only add `line`, or `row`/`column`).
 *
 * @module case/_assemble
 */
import { FundtraceError, type Issue } from '../errors/index.js'
import type { ByteTransfer } from './_byte-transfer.js'
import { checkHeader, duplicateMessage, type CheckedHeader, type HeaderMode } from './_header.js'
import { show } from './_id.js'
import { asciiString } from './_strings.js'
import { checkTransfer } from './_transfer.js'
import { TransferColumns } from './columns.js'
import { CASE_FORMAT, type Case, type Transfer } from './types.js'
import type { InvalidTransfer, ParseCaseOptions, SafeParseCaseResult } from './parse.js'

/**
 * Adds a location (`line`, `row`, `column`) to an issue.
 *
 * @example
 * const onLine7: Locate = (issue) => ({ ...issue, line: 7 })
 */
export type Locate = (issue: Issue) => Issue

/**
 * {@link ParseCaseOptions} checked and with defaults applied.
 *
 * @example
 * const options: AssembleOptions = assembleOptions({ onInvalid: 'collect' })
 */
export interface AssembleOptions {
  readonly onInvalid: 'throw' | 'collect'
  readonly maxTransfers: number | undefined
  readonly maxAccounts: number | undefined
  readonly maxVictims: number | undefined
  /**
   * Keep valid transfers only as columns, not also as objects (the streamed readers: a large case
   * then costs ~100 bytes per transfer instead of ~400; see docs/performance.md).
   */
  readonly columnar?: boolean
}

const unlocated: Locate = (issue) => issue

/**
 * Checks parse options; throws a {@link FundtraceError} (`invalid_option`) when they are wrong.
 *
 * @example
 * assembleOptions({ onInvalid: 'collect' }) //=> { onInvalid: 'collect', maxTransfers: undefined, … }
 */
export function assembleOptions(options: ParseCaseOptions | undefined): AssembleOptions {
  const issues: Issue[] = []
  const onInvalid = options?.onInvalid ?? 'throw'
  if (onInvalid !== 'throw' && onInvalid !== 'collect') {
    issues.push({ code: 'invalid_option', message: `onInvalid must be "throw" or "collect", got ${JSON.stringify(onInvalid)}`, path: ['onInvalid'] })
  }
  const limit = (name: 'maxTransfers' | 'maxAccounts' | 'maxVictims'): number | undefined => {
    const value = options?.[name]
    if (value === undefined) return undefined
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      issues.push({ code: 'invalid_option', message: `${name} must be a non-negative integer, got ${String(value)}`, path: [name] })
      return undefined
    }
    return value
  }
  const result = { onInvalid, maxTransfers: limit('maxTransfers'), maxAccounts: limit('maxAccounts'), maxVictims: limit('maxVictims') }
  if (issues.length > 0) throw new FundtraceError(issues)
  return result
}

/**
 * The limit issue for a case with `count` transfers, or `undefined` within the limit.
 *
 * @example
 * transferLimitIssue(10, 5)?.code //=> 'limit_exceeded'
 */
export function transferLimitIssue(count: number, max: number | undefined): Issue | undefined {
  if (max === undefined || count <= max) return undefined
  return { code: 'limit_exceeded', message: `the case has more than ${max} transfers, the limit (option maxTransfers, --max-transfers on the command line)`, path: ['transfers'] }
}

/**
 * Builds one Case: call {@link CaseAssembler.header} once, {@link CaseAssembler.transfer} per
 * transfer in input order, then {@link CaseAssembler.finish}.
 *
 * @example
 * const assembler = new CaseAssembler(assembleOptions({}))
 * if (assembler.header(header, 'header')) for (const t of transfers) assembler.transfer(t)
 * const result = assembler.finish()
 */
export class CaseAssembler {
  private readonly options: AssembleOptions
  private readonly issues: Issue[] = []
  private checked: CheckedHeader | undefined
  private headerLocate: Locate = unlocated
  private readonly transfers: Transfer[] = []
  /** Input index of each entry of `transfers` (they differ once invalid transfers are collected). */
  private readonly inputIndex: number[] = []
  /** Transfer id → index in `transfers` (≥ 0), or `~inputIndex` of an invalid transfer with that id. */
  private readonly ids = new Map<string, number>()
  /** Valid transfers as columns (and, unless `columnar`, also as objects in `transfers`); `ids` then holds only invalid ids. */
  private builder: TransferColumns | undefined
  /** Columnar: whether an invalid transfer was met, after which `inputIndex` maps builder index → input index. */
  private shifted = false
  private readonly invalid: InvalidTransfer[] = []
  private count = 0
  private transfersKnown = true
  /** How many transfers are coming, when the input says (a JSON array): the columns make room at once. */
  private expected = 0

  constructor(options: AssembleOptions) {
    this.options = options
  }

  /**
   * Validates the header. Returns `false` when nothing else is worth reading (not a case, another
   * format, a limit exceeded); {@link finish} then reports why.
   */
  header(raw: unknown, mode: HeaderMode, locate: Locate = unlocated): boolean {
    this.headerLocate = locate
    this.checked = checkHeader(raw, mode, this.options)
    for (const issue of this.checked.issues) this.issues.push(locate(issue))
    return !this.checked.fatal
  }

  /** Says how many transfers will follow (a JSON array's length), so their columns are made once, not regrown. */
  expectTransfers(count: number): void {
    this.expected = count
  }

  /** Records that the case's transfers could not be read at all (so references to them are not checked). */
  transfersMissing(issue: Issue): void {
    this.transfersKnown = false
    this.issues.push(this.headerLocate(issue))
  }

  /** Records that not every transfer could be read (a broken CSV): references to transfers are then not checked. */
  transfersIncomplete(): void {
    this.transfersKnown = false
  }

  /** Adds an issue found by a reader outside any transfer (a bad CSV header row, a broken stream). */
  readerIssue(issue: Issue): void {
    this.issues.push(issue)
  }

  /**
   * Validates and adds the next transfer. Throws a {@link FundtraceError} (`limit_exceeded`) at
   * once when it is one more than `maxTransfers`.
   */
  transfer(raw: unknown, locate: Locate = unlocated): void {
    const index = this.count++
    const limit = transferLimitIssue(this.count, this.options.maxTransfers)
    if (limit !== undefined) throw new FundtraceError([...this.issues, locate(limit)])
    const context = this.checked?.context ?? { digits: undefined, timezone: 'UTC' }
    const check = checkTransfer(raw, index, context)
    if (check.ok) {
      const { transfer } = check
      if (this.checked?.fields !== undefined) {
        const invalidPrior = this.ids.get(transfer.id)
        const prior = invalidPrior ?? (this.builder ??= this.newBuilder()).add(transfer)
        if (invalidPrior !== undefined || prior >= 0) {
          this.issues.push(locate(this.duplicateIssue(transfer.id, raw, index, prior)))
          return
        }
        if (!this.options.columnar) this.transfers.push(transfer)
        if (this.shifted) this.inputIndex.push(index)
        return
      }
      const prior = this.ids.get(transfer.id)
      if (prior !== undefined) {
        this.issues.push(locate(this.duplicateIssue(transfer.id, raw, index, prior)))
        return
      }
      this.ids.set(transfer.id, this.transfers.length)
      this.transfers.push(transfer)
      this.inputIndex.push(index)
      return
    }
    this.rejectTransfer(index, check.id, raw, check.issues.map(locate), locate)
  }

  /**
   * Minor digits of the case currency, once a valid header is in; `undefined` before, or when
   * the header has an issue (the byte readers then read transfers the ordinary way). Invalid
   * transfers do not change it: the ones after them are still read from bytes.
   */
  get byteDigits(): number | undefined {
    const checked = this.checked
    return checked?.fields !== undefined && checked.issues.length === 0 ? checked.context.digits : undefined
  }

  /**
   * Adds a transfer read and checked by `readTransferBytes`, exactly as {@link transfer} adds the
   * same transfer as an object. Returns `false`, having done nothing, when it must go the
   * ordinary way instead: objects are kept (not `columnar`), its id was met before (in a valid
   * or an invalid transfer), or it is one over `maxTransfers`.
   */
  bytesTransfer(bytes: Uint8Array, fields: ByteTransfer): boolean {
    if (!this.options.columnar || this.checked?.fields === undefined) return false
    if (this.ids.size > 0 && this.ids.has(asciiString(bytes, fields.idStart, fields.idEnd))) return false
    if (transferLimitIssue(this.count + 1, this.options.maxTransfers) !== undefined) return false
    if ((this.builder ??= this.newBuilder()).addBytes(bytes, fields) >= 0) return false
    const index = this.count++
    if (this.shifted) this.inputIndex.push(index)
    return true
  }

  /**
   * Adds a transfer that could not even be read (an NDJSON line that is not JSON, a CSV row
   * with the wrong number of cells): counted like any invalid transfer, with one issue at
   * `['transfers', index]`.
   */
  unreadableTransfer(raw: unknown, code: Issue['code'], message: string, locate: Locate = unlocated): void {
    const index = this.count++
    const limit = transferLimitIssue(this.count, this.options.maxTransfers)
    if (limit !== undefined) throw new FundtraceError([...this.issues, locate(limit)])
    this.rejectTransfer(index, undefined, raw, [locate({ code, message, path: ['transfers', index] })], locate)
  }

  /** The Case (with the transfers collected as invalid), or every issue found. */
  finish(): SafeParseCaseResult {
    const checked = this.checked
    if (checked !== undefined && !checked.fatal && this.transfersKnown) this.checkVictimTransfers(checked)
    if (this.issues.length > 0 || checked?.fields === undefined) {
      const issues = this.issues.length > 0 ? this.issues : [{ code: 'schema' as const, message: 'the case header is missing', path: [] }]
      return { success: false, error: new FundtraceError(issues) }
    }
    const builder = this.builder ?? this.newBuilder()
    const data: Case = this.options.columnar ? builder.toCase() : builder.toCase(this.transfers)
    return { success: true, data, invalid: this.invalid }
  }

  private newBuilder(): TransferColumns {
    const checked = this.checked!
    return new TransferColumns({ format: CASE_FORMAT, ...checked.fields!, accounts: checked.accounts, victims: checked.victims.map((v) => v.victim) }, this.expected)
  }

  /** Index of a valid transfer with this id, or `~inputIndex` of an invalid one, or undefined. */
  private priorOf(id: string): number | undefined {
    const invalid = this.ids.get(id)
    if (invalid !== undefined || this.builder === undefined) return invalid
    const i = this.builder.indexOf(id)
    return i >= 0 ? i : undefined
  }

  private rejectTransfer(index: number, id: string | undefined, raw: unknown, issues: Issue[], locate: Locate): void {
    if (!this.shifted) {
      // kept transfers no longer sit at their input index from here on
      this.shifted = true
      for (let i = 0; i < (this.builder?.size ?? 0); i++) this.inputIndex.push(i)
    }
    if (this.options.onInvalid === 'collect') {
      this.invalid.push(id === undefined ? { index, raw, issues } : { index, id, raw, issues })
    } else {
      for (const issue of issues) this.issues.push(issue)
    }
    if (id === undefined) return
    const prior = this.priorOf(id)
    if (prior !== undefined) this.issues.push(locate(this.duplicateIssue(id, raw, index, prior)))
    else this.ids.set(id, ~index)
  }

  private duplicateIssue(id: string, raw: unknown, index: number, prior: number): Issue {
    const firstIndex = prior < 0 ? ~prior : !this.shifted ? prior : this.inputIndex[prior]
    const rawId = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).id : undefined
    return { code: 'duplicate_id', message: duplicateMessage('transfer', id, [rawId], `transfers[${firstIndex}]`), path: ['transfers', index, 'id'] }
  }

  private checkVictimTransfers(checked: CheckedHeader): void {
    const claimedBy = new Map<string, string>()
    for (const { index, victim } of checked.victims) {
      const own = new Set(victim.accounts)
      victim.transfers.forEach((id, j) => {
        const path = ['victims', index, 'transfers', j]
        const claimed = claimedBy.get(id)
        if (claimed !== undefined) {
          this.issues.push(this.headerLocate({ code: 'duplicate_id', message: `transfer ${show(id)} is claimed by two victims (${show(claimed)} and ${show(victim.id)})`, path }))
          return
        }
        claimedBy.set(id, victim.id)
        const entry = this.priorOf(id)
        if (entry === undefined) {
          this.issues.push(this.headerLocate({ code: 'unknown_transfer', message: `victim ${show(victim.id)} names transfer ${show(id)}, which is not in the case`, path }))
        } else if (entry < 0) {
          if (this.options.onInvalid === 'collect') {
            this.issues.push(this.headerLocate({ code: 'unknown_transfer', message: `victim ${show(victim.id)} names transfer ${show(id)}, which is invalid (transfers[${~entry}]) and was left out`, path }))
          }
        } else {
          const from = this.builder !== undefined ? this.builder.fromOf(entry) : this.transfers[entry]?.from
          if (from !== undefined && !own.has(from)) {
            this.issues.push(this.headerLocate({
              code: 'not_victim_transfer',
              message: `transfer ${show(id)} leaves account ${show(from)}, which is not one of victim ${show(victim.id)}'s accounts`,
              path,
            }))
          }
        }
      })
    }
  }
}
