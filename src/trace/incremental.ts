/**
 * Incremental tracing (issue 5): a tracer keeps the sorted ledger and a bounded number of sweep
 * snapshots, so adding transfers re-sweeps only from the last snapshot at or before the earliest
 * new transfer (or before the first transfer of an account whose kind or opening balance changed).
 *
 * @module trace/incremental
 */
import type { Account, Case, Transfer } from '../case/types.js'
import { FundtraceError, type Issue } from '../errors/index.js'
import { buildLedger, type Ledger } from '../ledger/index.js'
import { mergeLedger } from '../ledger/merge.js'
import type { Method } from '../report/types.js'
import { hasRoomFor, resumableSweep, type Snapshot } from './_sweep-resumable.js'
import { assembleResult } from './assemble.js'
import { rememberSweep } from './explain.js'
import { fitsInNumbers, sweep, type SweepState } from './sweep.js'
import { checkOptions } from './trace.js'
import type { TraceOptions, TraceResult } from './types.js'

/** Options of {@link createTracer}: those of `trace`, plus how many snapshots to keep. */
export interface TracerOptions extends TraceOptions {
  /** Snapshots of the sweep kept along the ledger (default 16); the resweep after an early addition is at most about n / snapshots transfers more than needed. */
  readonly snapshots?: number
}

/** What the last step of a tracer swept. */
export interface TracerStats {
  /** Ledger position the sweep started from (0 = a full sweep). */
  readonly resumedFrom: number
  /** Transfers swept in this step. */
  readonly resweptTransfers: number
  /** Transfers in force in the ledger. */
  readonly totalTransfers: number
  /** False when the case needs the `bigint` sweep, which is not resumable: every step is a full sweep. */
  readonly incremental: boolean
}

/** A traced case that can be extended. Immutable: extending returns a new tracer. */
export interface Tracer {
  readonly case: Case
  readonly options: TracerOptions
  /** Exactly `trace(case, options)`. */
  readonly result: TraceResult
  readonly stats: TracerStats
}

/** What to add to a tracer's case. */
export interface TracerAddition {
  /** New transfers (ids not already in the case). */
  readonly transfers?: readonly Transfer[]
  /** Account metadata to set (replaces an account's by id, or adds it). */
  readonly accounts?: readonly Account[]
  /**
   * @internal The extended case exactly as the caller records it: the old case's transfers
   * followed by `transfers`, and the full account list (then `accounts` is ignored).
   */
  readonly case?: Case
}

interface Inner {
  readonly ledger: Ledger
  readonly method: Method
  readonly maxLevel: number | null
  readonly snapshotCount: number
  /** Snapshots in position order, the final state last; undefined on the `bigint` path. */
  readonly snapshots: readonly Snapshot[] | undefined
}

const inner = new WeakMap<Tracer, Inner>()

/**
 * Traces a case and keeps what is needed to extend it cheaply.
 *
 * @example
 * let tracer = createTracer(caseFile, { method: 'fifo' })
 * tracer = extendTracer(tracer, { transfers: statementRows })
 * tracer.stats //=> { resumedFrom: 65536, resweptTransfers: 934464, totalTransfers: 1000000, incremental: true }
 */
export function createTracer(caseFile: Case, options: TracerOptions = {}): Tracer {
  const { method, maxLevel, asOf, snapshotCount } = checkTracerOptions(options)
  const ledger = buildLedger(caseFile, asOf === undefined ? {} : { asOf })
  return run(caseFile, options, ledger, method, maxLevel, snapshotCount, undefined, [])
}

/**
 * The tracer of the case with `addition` added: the same result as `createTracer` on the
 * extended case (and so as `trace`), re-sweeping only from the last snapshot before the first
 * change. `stats` says how much was swept.
 *
 * @example
 * const next = extendTracer(tracer, { transfers: rows, accounts: [{ id: 'X', kind: 'cash', openingBalance: 0n }] })
 * next.stats.resweptTransfers
 */
export function extendTracer(tracer: Tracer, addition: TracerAddition): Tracer {
  const prior = inner.get(tracer)
  if (prior === undefined) throw new FundtraceError([{ code: 'invalid_option', message: 'extendTracer needs a tracer made by createTracer', path: [] }])
  const merge = mergeLedger(prior.ledger, addition.transfers ?? [], addition.accounts ?? [], addition.case)
  const ledger = merge.ledger
  const firstChange = Math.min(merge.firstAdded, merge.firstChangedAccount)
  let from: Snapshot | undefined
  if (prior.snapshots !== undefined && prior.snapshots.length > 0 && hasRoomFor(prior.snapshots[0]!, ledger.accountIds.length)) {
    for (const s of prior.snapshots) if (s.pos <= firstChange && s.pos > 0 && (from === undefined || s.pos > from.pos)) from = s
  }
  // snapshots kept from before this change still hold the old opening balances of the reopened accounts
  const kept = from === undefined ? [] : prior.snapshots!.filter((s) => s.pos <= from!.pos).map((s) => withReopened(s, merge.reopened))
  return run(ledger.source, tracer.options, ledger, prior.method, prior.maxLevel, prior.snapshotCount, kept.at(-1), kept)
}

function withReopened(snapshot: Snapshot, reopened: readonly number[]): Snapshot {
  if (reopened.length === 0) return snapshot
  const reopen = snapshot.reopen === undefined ? reopened : [...new Set([...snapshot.reopen, ...reopened])]
  return { pos: snapshot.pos, state: snapshot.state, reopen }
}

function run(
  caseFile: Case, options: TracerOptions, ledger: Ledger, method: Method, maxLevel: number | null, snapshotCount: number,
  from: Snapshot | undefined, kept: readonly Snapshot[],
): Tracer {
  const n = ledger.from.length
  let state: SweepState
  let snapshots: Snapshot[] | undefined
  let resumedFrom = 0
  const incremental = fitsInNumbers(ledger)
  if (incremental) {
    const every = snapshotEvery(n, snapshotCount)
    const swept = resumableSweep(ledger, method, maxLevel, { ...(from !== undefined ? { from } : {}), every })
    resumedFrom = from?.pos ?? 0
    state = swept.state
    // keep the grid of the current spacing: earlier snapshots still valid, the new ones, the end
    snapshots = [...kept.filter((s) => s.pos % every === 0 && s.pos < n), ...swept.snapshots, swept.final]
  } else {
    state = sweep(ledger, method, maxLevel)
  }
  const result = assembleResult(ledger, state, method, maxLevel)
  rememberSweep(result, ledger, state)
  const tracer: Tracer = { case: caseFile, options, result, stats: { resumedFrom, resweptTransfers: n - resumedFrom, totalTransfers: n, incremental } }
  inner.set(tracer, { ledger, method, maxLevel, snapshotCount, snapshots })
  return tracer
}

/** The snapshot spacing: a power of two, so coarser spacings keep the snapshots of finer ones. */
function snapshotEvery(n: number, count: number): number {
  let every = 1
  while (every * count < n) every *= 2
  return every
}

function checkTracerOptions(options: TracerOptions): { method: Method; maxLevel: number | null; asOf: number | null | undefined; snapshotCount: number } {
  const snapshotCount = options.snapshots ?? 16
  const extra: Issue[] = Number.isSafeInteger(snapshotCount) && snapshotCount >= 1
    ? []
    : [{ code: 'invalid_option', message: `snapshots must be a positive integer, got ${String(snapshotCount)}`, path: ['snapshots'] }]
  return { ...checkOptions(options, extra), snapshotCount }
}
