import { CHANNELS, TRANSFER_STATUSES, type Transfer } from '../case/types.js'
import { FundtraceError, type Issue } from '../errors/index.js'
import { DEFAULT_TABLE, MAX_AMOUNT_MINOR, MAX_TIME_MS, MIN_TIME_MS, msToTimestamptz, parseTableName, type SqlQueryable } from './_lib/sql.js'

/**
 * Options of {@link loadTransfers}.
 *
 * @example
 * await loadTransfers(pool, transfers, { table: 'ledger.transfers', batchSize: 10_000, onConflict: 'ignore' })
 */
export interface LoadTransfersOptions {
  /** Target table (made with `createSchemaSql`). Default `fundtrace_transfers`. */
  readonly table?: string
  /** Rows per `INSERT` statement. Default 5000. */
  readonly batchSize?: number
  /** `error` (default): a duplicate id fails the batch. `ignore`: rows whose key already exists are skipped. */
  readonly onConflict?: 'error' | 'ignore'
}

/**
 * What {@link loadTransfers} did.
 *
 * @example
 * const { inserted, read } = await loadTransfers(pool, transfers, { onConflict: 'ignore' })
 * console.error(`${read - inserted} already present`)
 */
export interface LoadTransfersResult {
  /** Rows the database reports inserted (skipped duplicates excluded). */
  readonly inserted: number
  /** Rows read from the input. */
  readonly read: number
  /** `INSERT` statements sent. */
  readonly statements: number
}

/**
 * Bulk-loads transfers into the table, `batchSize` rows per statement:
 *
 * ```sql
 * INSERT INTO fundtrace_transfers (…)
 * SELECT … FROM unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::int8[], $6::text[], $7::text[], $8::text[])
 * ```
 *
 * — eight array parameters per batch, however many rows, so there is no 65,535-parameter limit
 * and no per-row round trip (100,000 transfers load in about a second on a laptop-class
 * machine). Amounts travel as decimal text into `numeric(30,0)`, times as integer milliseconds.
 * Every row of a batch is checked before the batch is sent; a bad row throws a
 * `FundtraceError` naming `['transfers', index, field]`. Batches already sent stay written
 * unless you run the load inside your own transaction on one client
 * (`BEGIN` … `loadTransfers(client, …)` … `COMMIT`). Accepts arrays, iterables and async
 * iterables (e.g. a streaming NDJSON reader).
 *
 * @example
 * await client.query(createSchemaSql())
 * const { inserted } = await loadTransfers(client, caseFile.transfers)
 */
export async function loadTransfers(
  db: SqlQueryable,
  transfers: Iterable<Transfer> | AsyncIterable<Transfer>,
  options: LoadTransfersOptions = {},
): Promise<LoadTransfersResult> {
  const where = 'fundtrace/source/loadTransfers'
  if (db === null || typeof db !== 'object' || typeof db.query !== 'function') {
    throw new FundtraceError([{ code: 'invalid_option', message: `${where}: expected a pg Pool, PoolClient or Client`, path: ['db'] }])
  }
  const table = parseTableName(options.table ?? DEFAULT_TABLE, where)
  const batchSize = options.batchSize ?? 5000
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new FundtraceError([{ code: 'invalid_option', message: `${where}: batchSize must be a positive integer`, path: ['batchSize'] }])
  }
  const onConflict = options.onConflict ?? 'error'
  if (onConflict !== 'error' && onConflict !== 'ignore') {
    throw new FundtraceError([{ code: 'invalid_option', message: `${where}: onConflict must be 'error' or 'ignore'`, path: ['onConflict'] }])
  }
  const sql =
    `INSERT INTO ${table.sql} (id, from_account, to_account, amount_minor, "time", status, channel, serial) ` +
    `SELECT u.id, u.f, u.t, u.a, ${msToTimestamptz('u.ms')}, u.s, u.c, u.r ` +
    `FROM unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::int8[], $6::text[], $7::text[], $8::text[]) ` +
    `AS u(id, f, t, a, ms, s, c, r)` +
    (onConflict === 'ignore' ? ' ON CONFLICT DO NOTHING' : '')

  let columns = emptyColumns()
  let read = 0
  let inserted = 0
  let statements = 0
  const issues: Issue[] = []
  const flush = async (): Promise<void> => {
    if (issues.length > 0) throw new FundtraceError(issues)
    if (columns.id.length === 0) return
    const c = columns
    columns = emptyColumns()
    const result = await db.query(sql, [c.id, c.from, c.to, c.amount, c.time, c.status, c.channel, c.serial])
    statements++
    inserted += result.rowCount ?? 0
  }

  for await (const transfer of transfers) {
    const index = read++
    if (check(transfer, index, issues)) {
      columns.id.push(transfer.id)
      columns.from.push(transfer.from)
      columns.to.push(transfer.to)
      columns.amount.push(transfer.amount.toString())
      columns.time.push(String(transfer.time))
      columns.status.push(transfer.status ?? 'posted')
      columns.channel.push(transfer.channel ?? null)
      columns.serial.push(transfer.serial ?? null)
    }
    if (columns.id.length >= batchSize || issues.length >= 100) await flush()
  }
  await flush()
  return { inserted, read, statements }
}

function emptyColumns() {
  return {
    id: [] as string[], from: [] as string[], to: [] as string[], amount: [] as string[], time: [] as string[],
    status: [] as string[], channel: [] as (string | null)[], serial: [] as (string | null)[],
  }
}

// PostgreSQL text cannot hold NUL.
const hasNul = (s: string) => s.includes('\u0000')

function check(t: Transfer, index: number, issues: Issue[]): boolean {
  const before = issues.length
  const add = (code: Issue['code'], field: string, message: string) => issues.push({ code, message, path: ['transfers', index, field] })
  if (t === null || typeof t !== 'object') {
    add('schema', 'id', 'not a transfer object')
    return false
  }
  for (const field of ['id', 'from', 'to'] as const) {
    const v = t[field]
    if (typeof v !== 'string' || v.length === 0 || hasNul(v)) add('schema', field, `${field} must be a non-empty string without NUL characters`)
  }
  if (typeof t.from === 'string' && t.from === t.to) add('self_transfer', 'to', 'from and to are the same account')
  if (typeof t.amount !== 'bigint') add('invalid_amount', 'amount', 'amount must be a bigint of minor units')
  else if (t.amount <= 0n) add('amount_not_positive', 'amount', 'amount must be > 0')
  else if (t.amount > MAX_AMOUNT_MINOR) add('amount_too_large', 'amount', 'amount does not fit numeric(30,0)')
  if (!Number.isSafeInteger(t.time) || t.time < MIN_TIME_MS || t.time > MAX_TIME_MS) {
    add('invalid_time', 'time', 'time must be integer epoch milliseconds between years 0001 and 9999')
  }
  if (t.status !== undefined && !(TRANSFER_STATUSES as readonly string[]).includes(t.status)) add('schema', 'status', `status must be one of ${TRANSFER_STATUSES.join(', ')}`)
  if (t.channel !== undefined && !(CHANNELS as readonly string[]).includes(t.channel)) add('schema', 'channel', `channel must be one of ${CHANNELS.join(', ')}`)
  if (t.serial !== undefined && (typeof t.serial !== 'string' || hasNul(t.serial))) add('schema', 'serial', 'serial must be a string without NUL characters')
  return issues.length === before
}
