import { CHANNELS, TRANSFER_STATUSES, type Channel, type Transfer, type TransferStatus } from '../../case/types.js'
import { FundtraceError } from '../../errors/index.js'

/**
 * The part of a `pg` `Pool`, `PoolClient` or `Client` fundtrace uses. Typed structurally so the
 * library needs neither `pg` nor `@types/pg` at run time or in its declarations.
 *
 * @example
 * import pg from 'pg'
 * const db: SqlQueryable = new pg.Pool({ connectionString: process.env.DATABASE_URL })
 */
export interface SqlQueryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[]; rowCount?: number | null }>
  end?(): Promise<void>
}

/** The default table name. */
export const DEFAULT_TABLE = 'fundtrace_transfers'

/** Earliest and latest times the PostgreSQL sources store: 0001-01-01T00:00:00.000Z … 9999-12-31T23:59:59.999Z. */
export const MIN_TIME_MS = -62_135_596_800_000
export const MAX_TIME_MS = 253_402_300_799_999

/** Largest `amount_minor` a `numeric(30,0)` holds. */
export const MAX_AMOUNT_MINOR = 10n ** 30n - 1n

const IDENT = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/

/** A checked table name: its quoted SQL form and its unqualified name (for index names). */
export interface TableName {
  readonly sql: string
  readonly base: string
}

/**
 * Checks `table` (`name` or `schema.name`, each a plain SQL identifier of at most 63
 * characters) and quotes it. Anything else is refused rather than escaped.
 *
 * @example
 * parseTableName('ledger.fundtrace_transfers') //=> { sql: '"ledger"."fundtrace_transfers"', base: 'fundtrace_transfers' }
 */
export function parseTableName(table: string, where: string): TableName {
  const parts = typeof table === 'string' ? table.split('.') : []
  if (parts.length < 1 || parts.length > 2 || !parts.every((p) => IDENT.test(p))) {
    throw new FundtraceError([{
      code: 'invalid_option',
      message: `${where}: table must be "name" or "schema.name" made of letters, digits and underscores (got ${JSON.stringify(table)})`,
      path: ['table'],
    }])
  }
  return { sql: parts.map((p) => `"${p}"`).join('.'), base: parts[parts.length - 1]! }
}

/**
 * SQL turning an `int8` expression of epoch milliseconds into `timestamptz`, exactly (integer
 * seconds plus integer milliseconds; no floating-point division).
 *
 * @example
 * msToTimestamptz('$2') // used as: "time" >= ${msToTimestamptz('$2')}
 */
export function msToTimestamptz(expr: string): string {
  return `(timestamptz 'epoch' + ((${expr})::int8 / 1000) * interval '1 second' + ((${expr})::int8 % 1000) * interval '1 millisecond')`
}

/** SQL giving a `timestamptz` column as epoch milliseconds in text (exact: `extract` is `numeric` since PostgreSQL 14). */
export const TIME_MS_SQL = `floor(extract(epoch FROM "time") * 1000)::int8::text`

/** The select list every source query uses; values come back as text so `pg` type parsers never see them. */
export const SELECT_COLUMNS = `id, from_account, to_account, amount_minor::text AS amount_minor, ${TIME_MS_SQL} AS time_ms, status, channel, serial`

/**
 * Clamps a (possibly infinite) bound into the stored range.
 *
 * @example
 * clampTime(Number.NEGATIVE_INFINITY) //=> MIN_TIME_MS
 */
export function clampTime(ms: number): number {
  return ms < MIN_TIME_MS ? MIN_TIME_MS : ms > MAX_TIME_MS ? MAX_TIME_MS : ms
}

/**
 * Turns one row selected with {@link SELECT_COLUMNS} into a `Transfer`, checking every field.
 *
 * @example
 * rowToTransfer({ id: 'T1', from_account: 'A', to_account: 'B', amount_minor: '500', time_ms: '0', status: 'posted', channel: null, serial: null }, 'x')
 * //=> { id: 'T1', from: 'A', to: 'B', amount: 500n, time: 0, status: 'posted' }
 */
export function rowToTransfer(row: unknown, where: string): Transfer {
  const r = row as Record<string, unknown>
  const bad = (field: string): never => {
    throw new FundtraceError([{ code: 'schema', message: `${where}: unexpected ${field} in row ${JSON.stringify(r?.['id'])}`, path: [field] }])
  }
  if (typeof r?.['id'] !== 'string') bad('id')
  if (typeof r['from_account'] !== 'string') bad('from_account')
  if (typeof r['to_account'] !== 'string') bad('to_account')
  const amountText = r['amount_minor']
  if (typeof amountText !== 'string' || !/^[0-9]+$/.test(amountText)) bad('amount_minor')
  const timeText = r['time_ms']
  if (typeof timeText !== 'string' || !/^-?[0-9]+$/.test(timeText)) bad('time')
  const status = r['status']
  if (!(TRANSFER_STATUSES as readonly unknown[]).includes(status)) bad('status')
  const channel = r['channel']
  if (channel !== null && channel !== undefined && !(CHANNELS as readonly unknown[]).includes(channel)) bad('channel')
  const serial = r['serial']
  if (serial !== null && serial !== undefined && typeof serial !== 'string') bad('serial')

  const transfer: { -readonly [K in keyof Transfer]: Transfer[K] } = {
    id: r['id'] as string,
    from: r['from_account'] as string,
    to: r['to_account'] as string,
    amount: BigInt(amountText as string),
    time: Number(timeText),
    status: status as TransferStatus,
  }
  if (channel !== null && channel !== undefined) transfer.channel = channel as Channel
  if (serial !== null && serial !== undefined) transfer.serial = serial as string
  return transfer
}
