import { CHANNELS, TRANSFER_STATUSES } from '../case/types.js'
import { DEFAULT_TABLE, parseTableName } from './_lib/sql.js'

/**
 * Options of {@link createSchemaSql}.
 *
 * @example
 * createSchemaSql('fundtrace_transfers', { distributed: true, incomingIndex: false })
 */
export interface CreateSchemaOptions {
  /**
   * For a table you will distribute with Citus by `from_account`: the primary key becomes
   * `(from_account, id)`, because Citus requires unique constraints to contain the distribution
   * column. Default `false`: `PRIMARY KEY (id)`.
   */
  readonly distributed?: boolean
  /** Also index `(to_account, "time")`, which `incoming` queries use. Default `true`. */
  readonly incomingIndex?: boolean
}

/**
 * The DDL of the transfers table `postgresSource` and `loadTransfers` use, as one string of
 * statements (`CREATE TABLE IF NOT EXISTS`, `CREATE INDEX IF NOT EXISTS`) you can pass to
 * `client.query` or a migration tool. Requires a UTF-8 database and PostgreSQL 14 or later.
 *
 * Columns: `id text`, `from_account text`, `to_account text`, `amount_minor numeric(30,0)`
 * (minor units, > 0), `"time" timestamptz` (millisecond precision), `status text`
 * (`posted` | `pending`), `channel text` (nullable), `serial text` (nullable); index on
 * `(from_account, "time")`.
 *
 * @example
 * await client.query(createSchemaSql())                       // table "fundtrace_transfers"
 * await client.query(createSchemaSql('ledger.transfers', { distributed: true }))
 */
export function createSchemaSql(table: string = DEFAULT_TABLE, options: CreateSchemaOptions = {}): string {
  const name = parseTableName(table, 'fundtrace/source/createSchemaSql')
  const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ')
  const primaryKey = options.distributed ? '(from_account, id)' : '(id)'
  // Index names stay under PostgreSQL's 63-byte limit, so they are never truncated into each other.
  const stem = name.base.slice(0, 48)
  const statements = [
    `CREATE TABLE IF NOT EXISTS ${name.sql} (
  id           text          NOT NULL,
  from_account text          NOT NULL,
  to_account   text          NOT NULL,
  amount_minor numeric(30,0) NOT NULL CHECK (amount_minor > 0),
  "time"       timestamptz   NOT NULL,
  status       text          NOT NULL DEFAULT 'posted' CHECK (status IN (${list(TRANSFER_STATUSES)})),
  channel      text          CHECK (channel IN (${list(CHANNELS)})),
  serial       text,
  CHECK (from_account <> to_account),
  PRIMARY KEY ${primaryKey}
)`,
    `CREATE INDEX IF NOT EXISTS "${stem}_from_time_idx" ON ${name.sql} (from_account, "time")`,
  ]
  if (options.incomingIndex !== false) {
    statements.push(`CREATE INDEX IF NOT EXISTS "${stem}_to_time_idx" ON ${name.sql} (to_account, "time")`)
  }
  return statements.join(';\n') + ';\n'
}
