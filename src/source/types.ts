/**
 * Where transfers come from when a case is too big to hand over whole: a bank's ledger in
 * PostgreSQL, or an in-memory list. The tracer asks a source for the statements it needs —
 * the outgoing transfers of the accounts victim money has reached — and nothing else.
 *
 * @module source
 */
import type { Transfer } from '../case/types.js'

/**
 * An inclusive time window in epoch milliseconds: `from ≤ time ≤ to`. Bounds may be infinite.
 *
 * @example
 * const window: TimeWindow = { from: Date.parse('2026-03-14T10:02:11+08:00'), to: Number.POSITIVE_INFINITY }
 */
export interface TimeWindow {
  readonly from: number
  readonly to: number
}

/**
 * A queryable store of transfers.
 *
 * Contract for both methods: every transfer whose sender (`outgoing`) or receiver (`incoming`)
 * is one of `accounts` and whose time lies in the inclusive window, each exactly once (duplicate
 * account ids in the argument do not duplicate results), sorted by time and then by id in
 * code-point order. Unknown accounts give no rows. An empty account list or an empty window
 * (`from > to`) gives `[]`.
 *
 * @example
 * const source: TransferSource = memorySource(caseFile.transfers)
 * const out = await source.outgoing(['6222020200004321'], { from: t0, to: asOf })
 */
export interface TransferSource {
  /** Outgoing transfers of `accounts` with `window.from ≤ time ≤ window.to`, sorted by (time, id). */
  outgoing(accounts: readonly string[], window: TimeWindow): Promise<Transfer[]>
  /**
   * Incoming transfers of `accounts` in the window, same order. Optional: a tracer uses it to
   * see non-victim money arriving in involved accounts (it changes which lots `lifo`,
   * `pro_rata` and `victim_last` take).
   */
  incoming?(accounts: readonly string[], window: TimeWindow): Promise<Transfer[]>
  /** Releases what the source owns (connections it opened). Safe to call twice. */
  close?(): Promise<void>
}
