import type { Transfer } from '../case/types.js'
import { FundtraceError } from '../errors/index.js'
import { mergeSorted } from './_lib/order.js'
import { clampTime, DEFAULT_TABLE, MAX_TIME_MS, MIN_TIME_MS, msToTimestamptz, parseTableName, rowToTransfer, SELECT_COLUMNS, type SqlQueryable } from './_lib/sql.js'
import { normalizeWindow, uniqueAccounts } from './_lib/window.js'
import type { TimeWindow, TransferSource } from './types.js'

export type { SqlQueryable } from './_lib/sql.js'

/**
 * Options of {@link postgresSource}.
 *
 * @example
 * postgresSource(pool, { table: 'ledger.transfers', batchSize: 500 })
 */
export interface PostgresSourceOptions {
  /** Table made with `createSchemaSql` (`name` or `schema.name`). Default `fundtrace_transfers`. */
  readonly table?: string
  /** Most account ids sent in one query's `= ANY($1)` array; longer lists are split. Default 1000. */
  readonly batchSize?: number
  /** Whether `close()` calls `end()` on the pool or client. Default `false`: the caller owns it. */
  readonly endOnClose?: boolean
}

/**
 * A {@link TransferSource} over a PostgreSQL (or Citus) table, through a `pg` `Pool`,
 * `PoolClient` or `Client`. Each query is
 *
 * ```sql
 * SELECT … FROM fundtrace_transfers
 * WHERE from_account = ANY($1::text[]) AND "time" BETWEEN <$2 ms> AND <$3 ms>
 * ORDER BY "time", id COLLATE "C"
 * ```
 *
 * served by the `(from_account, "time")` index; account lists longer than `batchSize` are split
 * and the sorted parts merged. Amounts come back as exact `bigint`s (selected as text, never
 * through a JavaScript number), times as epoch milliseconds. `COLLATE "C"` orders ids by code
 * point on a UTF-8 database, the order of DESIGN.md. Queries run one after another, so a single
 * `Client` is fine.
 *
 * @example
 * import pg from 'pg'
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL })
 * const source = postgresSource(pool, { table: 'fundtrace_transfers' })
 * const rows = await source.outgoing(['6222020200004321'], { from: Date.parse('2026-03-14T02:02:11Z'), to: Date.parse('2026-03-14T10:00:00Z') })
 * await pool.end()
 */
export function postgresSource(db: SqlQueryable, options: PostgresSourceOptions = {}): TransferSource {
  const where = 'fundtrace/source/postgresSource'
  if (db === null || typeof db !== 'object' || typeof db.query !== 'function') {
    throw new FundtraceError([{ code: 'invalid_option', message: `${where}: expected a pg Pool, PoolClient or Client`, path: ['db'] }])
  }
  const table = parseTableName(options.table ?? DEFAULT_TABLE, where)
  const batchSize = options.batchSize ?? 1000
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new FundtraceError([{ code: 'invalid_option', message: `${where}: batchSize must be a positive integer`, path: ['batchSize'] }])
  }
  const sqlFor = (column: 'from_account' | 'to_account') =>
    `SELECT ${SELECT_COLUMNS} FROM ${table.sql} ` +
    `WHERE ${column} = ANY($1::text[]) AND "time" BETWEEN ${msToTimestamptz('$2')} AND ${msToTimestamptz('$3')} ` +
    `ORDER BY "time", id COLLATE "C"`
  const outgoingSql = sqlFor('from_account')
  const incomingSql = sqlFor('to_account')
  let closed = false

  const run = async (sql: string, accounts: readonly string[], window: TimeWindow, method: string): Promise<Transfer[]> => {
    if (closed) throw new FundtraceError([{ code: 'io_error', message: `${where}.${method}: the source is closed`, path: [] }])
    const ids = uniqueAccounts(accounts, `${where}.${method}`)
    const w = normalizeWindow(window, `${where}.${method}`)
    if (w === null || ids.length === 0 || w.to < MIN_TIME_MS || w.from > MAX_TIME_MS) return []
    const from = String(clampTime(w.from))
    const to = String(clampTime(w.to))
    const parts: Transfer[][] = []
    for (let i = 0; i < ids.length; i += batchSize) {
      const result = await db.query(sql, [ids.slice(i, i + batchSize), from, to])
      parts.push(result.rows.map((row) => rowToTransfer(row, `${where}.${method}`)))
    }
    return mergeSorted(parts)
  }

  return {
    outgoing: (accounts, window) => run(outgoingSql, accounts, window, 'outgoing'),
    incoming: (accounts, window) => run(incomingSql, accounts, window, 'incoming'),
    close: async () => {
      if (closed) return
      closed = true
      if (options.endOnClose && typeof db.end === 'function') await db.end()
    },
  }
}
