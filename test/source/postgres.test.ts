import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Transfer } from '../../src/case/types.js'
import { FundtraceError } from '../../src/errors/index.js'
import { collectReachable } from '../../src/source/collectReachable.js'
import { createSchemaSql } from '../../src/source/createSchemaSql.js'
import { loadTransfers } from '../../src/source/loadTransfers.js'
import { memorySource } from '../../src/source/memorySource.js'
import { postgresSource } from '../../src/source/postgresSource.js'
import type { TimeWindow, TransferSource } from '../../src/source/types.js'
import { LEDGER_START, generateLedger, prng } from './_ledger.js'
import { findPostgresBinDir, startPostgres, type PostgresServer } from './_postgres.js'

const binDir = findPostgresBinDir()
if (binDir === null) {
  console.warn('[test/source/postgres] SKIPPED: no PostgreSQL server binaries (initdb, pg_ctl, postgres) on PATH or in /usr/lib/postgresql/*/bin; install the "postgresql" package (or set FUNDTRACE_PG_BIN) to run these tests.')
}

const t = (id: string, from: string, to: string, time: number, extra: Partial<Transfer> = {}): Transfer =>
  ({ id, from, to, amount: 100n, time, status: 'posted', ...extra })

describe.skipIf(binDir === null)('postgresSource against a real PostgreSQL server', () => {
  let server: PostgresServer
  let pool: pg.Pool
  const ledger = generateLedger(100_000, 6_000, 42)
  const memory = memorySource(ledger)
  let source: TransferSource
  const timings: Record<string, number | string> = {}

  beforeAll(async () => {
    let start = performance.now()
    server = await startPostgres()
    timings['server start (initdb + pg_ctl start) ms'] = Math.round(performance.now() - start)
    pool = server.pool()
    await pool.query(createSchemaSql())
    start = performance.now()
    const loaded = await loadTransfers(pool, ledger)
    timings['load 100k transfers ms'] = Math.round(performance.now() - start)
    expect(loaded).toEqual({ inserted: 100_000, read: 100_000, statements: 20 })
    await pool.query('ANALYZE fundtrace_transfers')
    source = postgresSource(pool)
  })

  afterAll(async () => {
    console.info(`[test/source/postgres] PostgreSQL ${server?.version ?? '?'} from ${binDir}:`, timings)
    await server?.stop()
  })

  it('creates the schema idempotently, with the documented columns and index', async () => {
    await pool.query(createSchemaSql())
    const columns = await pool.query<{ column_name: string; data_type: string; numeric_precision: number | null }>(
      `SELECT column_name, data_type, numeric_precision FROM information_schema.columns WHERE table_name = 'fundtrace_transfers' ORDER BY ordinal_position`)
    expect(columns.rows.map((r) => [r.column_name, r.data_type])).toEqual([
      ['id', 'text'], ['from_account', 'text'], ['to_account', 'text'], ['amount_minor', 'numeric'],
      ['time', 'timestamp with time zone'], ['status', 'text'], ['channel', 'text'], ['serial', 'text'],
    ])
    expect(columns.rows[3]!.numeric_precision).toBe(30)
    const indexes = await pool.query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE tablename = 'fundtrace_transfers' ORDER BY indexname`)
    expect(indexes.rows.map((r) => r.indexdef.replace(/^.* USING /, ''))).toEqual(['btree (from_account, "time")', 'btree (id)', 'btree (to_account, "time")'])
  })

  it('gives exactly what the memory source gives, for many random queries on a 100k ledger', async () => {
    const rand = prng(9)
    const accounts = [...new Set(ledger.map((x) => x.from))]
    const someAccounts = (n: number) => Array.from({ length: n }, () => accounts[Math.floor(rand() * accounts.length)]!)
    const span = 3 * 86_400_000
    const windows = (): TimeWindow => {
      const r = rand()
      if (r < 0.1) return { from: -Infinity, to: Infinity }
      if (r < 0.2) { const x = ledger[Math.floor(rand() * ledger.length)]!.time; return { from: x, to: x } }
      const a = LEDGER_START + Math.floor(rand() * span)
      return { from: a, to: a + Math.floor(rand() * span / 4) }
    }
    let rows = 0
    const start = performance.now()
    for (let i = 0; i < 60; i++) {
      const size = [1, 2, 10, 200, 2_500][i % 5]!
      const list = [...someAccounts(size), 'no-such-account', ...someAccounts(2)]
      const window = windows()
      const expected = await memory.outgoing(list, window)
      const got = await source.outgoing(list, window)
      expect(got).toStrictEqual(expected)
      const expectedIn = await memory.incoming!(list, window)
      expect(await source.incoming!(list, window)).toStrictEqual(expectedIn)
      rows += expected.length + expectedIn.length
    }
    timings['120 random queries ms'] = Math.round(performance.now() - start)
    timings['rows compared'] = rows
    expect(rows).toBeGreaterThan(10_000)
  })

  it('returns the whole ledger in sweep order, ids in code-point order (COLLATE "C")', async () => {
    const accounts = [...new Set(ledger.map((x) => x.from))]
    const start = performance.now()
    const all = await source.outgoing(accounts, { from: -Infinity, to: Infinity })
    timings['fetch all 100k rows (6 batches) ms'] = Math.round(performance.now() - start)
    expect(all.length).toBe(100_000)
    expect(all).toStrictEqual(await memory.outgoing(accounts, { from: -Infinity, to: Infinity }))
  })

  it('uses the (from_account, time) index for a frontier query', async () => {
    const captured: { text: string; values: unknown[] }[] = []
    const spy = { query: (text: string, values?: unknown[]) => { captured.push({ text, values: values ?? [] }); return pool.query(text, values) } }
    await postgresSource(spy).outgoing([ledger[5]!.from, ledger[6]!.from], { from: LEDGER_START, to: LEDGER_START + 86_400_000 })
    const plan = await pool.query(`EXPLAIN ${captured[0]!.text}`, captured[0]!.values)
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('fundtrace_transfers_from_time_idx')
  })

  it('collects the same reachable set through both sources, with the same queries', async () => {
    const seeds = ledger.filter((x) => x.status === 'posted').slice(0, 5)
    for (const options of [{ asOf: LEDGER_START + 86_400_000 }, { asOf: LEDGER_START + 43_200_000, windowSlack: 0, maxLevel: 3 }]) {
      const start = performance.now()
      const viaPg = await collectReachable(source, seeds, options)
      timings[`collectReachable ${JSON.stringify(options)}`] =
        `${Math.round(performance.now() - start)} ms, ${viaPg.transfers.length} transfers, ${viaPg.stats.rounds} rounds, ${viaPg.stats.queries} queries, ${viaPg.stats.rowsFetched} rows fetched`
      const viaMemory = await collectReachable(memory, seeds, options)
      expect(viaPg.transfers).toStrictEqual(viaMemory.transfers)
      expect(viaPg.stats).toEqual(viaMemory.stats)
      expect([...viaPg.reachedAt]).toEqual([...viaMemory.reachedAt])
      expect(viaPg.stats.rounds).toBeGreaterThan(1)
    }
  })

  it('round-trips amounts beyond 2^53 and extreme times exactly', async () => {
    await pool.query(createSchemaSql('exact_amounts'))
    const rows = [
      t('big1', 'X1', 'Y1', 0, { amount: 2n ** 53n + 1n }),
      t('big2', 'X1', 'Y1', 1, { amount: 10n ** 30n - 1n, channel: 'cross_border_in', status: 'pending', serial: 'Ω"\\\'{},' }),
      t('big3', 'X1', 'Y1', -1, { amount: 9_007_199_254_740_993n }),
      t('early', 'X1', 'Y1', -62_135_596_800_000),
      t('late', 'X1', 'Y1', 253_402_300_799_999),
      t('ms', 'X1', 'Y1', 1_773_453_731_883, { amount: 123_456_789_012_345_678_901_234_567_890n }),
    ]
    expect((await loadTransfers(pool, rows, { table: 'exact_amounts', batchSize: 4 })).inserted).toBe(6)
    const back = await postgresSource(pool, { table: 'exact_amounts' }).outgoing(['X1'], { from: -Infinity, to: Infinity })
    expect(back).toStrictEqual(rows.slice().sort((a, b) => a.time - b.time))
    const text = await pool.query(`SELECT amount_minor::text AS a FROM exact_amounts WHERE id = 'big1'`)
    expect(text.rows[0]!.a).toBe('9007199254740993')
  })

  it('loads async iterables, skips or refuses duplicates, and checks rows before sending them', async () => {
    await pool.query(createSchemaSql('load_checks'))
    async function* stream() { for (let i = 0; i < 7; i++) yield t(`L${i}`, 'P', 'Q', i) }
    expect(await loadTransfers(pool, stream(), { table: 'load_checks', batchSize: 3 })).toEqual({ inserted: 7, read: 7, statements: 3 })
    await expect(loadTransfers(pool, [t('L1', 'P', 'Q', 1)], { table: 'load_checks' })).rejects.toThrow(/duplicate key/)
    expect((await loadTransfers(pool, [t('L1', 'P', 'Q', 1), t('L9', 'P', 'Q', 9)], { table: 'load_checks', onConflict: 'ignore' })).inserted).toBe(1)
    const bad = [t('B1', 'P', 'Q', 1, { amount: 10n ** 30n }), t('B2', 'P', 'P', 1), t('B3', 'P', 'Q', 1.5), t('B4', 'P', 'Q', 1, { amount: 0n })]
    const error = await loadTransfers(pool, bad, { table: 'load_checks' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FundtraceError)
    expect((error as FundtraceError).issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['amount_too_large', 'transfers.0.amount'], ['self_transfer', 'transfers.1.to'], ['invalid_time', 'transfers.2.time'], ['amount_not_positive', 'transfers.3.amount'],
    ])
    expect((await pool.query(`SELECT count(*)::int AS n FROM load_checks`)).rows[0]!.n).toBe(8)
  })

  it('makes the distributed variant with (from_account, id) as primary key, and refuses odd table names', async () => {
    await pool.query('CREATE SCHEMA IF NOT EXISTS ledger')
    await pool.query(createSchemaSql('ledger.transfers', { distributed: true }))
    const pk = await pool.query<{ def: string }>(
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'ledger.transfers'::regclass AND contype = 'p'`)
    expect(pk.rows[0]!.def).toBe('PRIMARY KEY (from_account, id)')
    expect(() => createSchemaSql('x; DROP TABLE y')).toThrow(FundtraceError)
    expect(() => postgresSource(pool, { table: '"quoted"' })).toThrow(FundtraceError)
  })

  it('works over a single pg.Client and closes it only when asked to', async () => {
    const client = new pg.Client({ host: server.host, port: server.port, user: server.user, database: server.database })
    await client.connect()
    const one = postgresSource(client, { endOnClose: true })
    const account = ledger[0]!.from
    expect(await one.outgoing([account], { from: -Infinity, to: Infinity })).toStrictEqual(await memory.outgoing([account], { from: -Infinity, to: Infinity }))
    await one.close!()
    await one.close!()
    await expect(one.outgoing([account], { from: 0, to: 1 })).rejects.toThrow(FundtraceError)
    await expect(client.query('SELECT 1')).rejects.toThrow()
  })

  it('splits long account lists into batches and merges them in order', async () => {
    const captured: unknown[][] = []
    const spy = { query: (text: string, values?: unknown[]) => { captured.push(values ?? []); return pool.query(text, values) } }
    const accounts = [...new Set(ledger.map((x) => x.from))].slice(0, 250)
    const window = { from: LEDGER_START, to: LEDGER_START + 86_400_000 }
    const got = await postgresSource(spy, { batchSize: 100 }).outgoing(accounts, window)
    expect(captured.map((v) => (v[0] as string[]).length)).toEqual([100, 100, 50])
    expect(got).toStrictEqual(await memory.outgoing(accounts, window))
  })
})
