/**
 * Issue 5: the PostgreSQL source and the in-memory source give identical reports — on the demo case
 * and on a generated 100k-transfer case — when the trace is fed what the frontier collected from each.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCase } from '../../src/case/index.js'
import type { Case, Transfer } from '../../src/case/types.js'
import { toReport } from '../../src/report/index.js'
import { collectReachable, createSchemaSql, loadTransfers, memorySource, postgresSource } from '../../src/source/index.js'
import { trace } from '../../src/trace/index.js'
import { findPostgresBinDir, startPostgres, type PostgresServer } from './_postgres.js'

const binDir = findPostgresBinDir()
const GEN = new URL('../../../shared/bench/gen-case.mjs', import.meta.url).pathname

function generated(size: number): Case {
  const file = join(mkdtempSync(join(tmpdir(), 'ft-gen-')), 'case.json')
  const r = spawnSync(process.execPath, [GEN, '--transfers', String(size), '--seed', '7', '--out', file], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(r.stderr)
  return parseCase(readFileSync(file, 'utf8'))
}

async function reportVia(source: ReturnType<typeof memorySource>, c: Case): Promise<{ json: string; transfers: number }> {
  const fraud = new Set(c.victims.flatMap((v) => v.transfers))
  const seeds = c.transfers.filter((t) => fraud.has(t.id))
  const sinks = c.accounts.filter((a) => a.kind === 'cash' || a.kind === 'external').map((a) => a.id)
  const collected = await collectReachable(source, seeds, { asOf: c.asOf ?? null, stopAccounts: [...sinks, ...c.victims.flatMap((v) => v.accounts)] })
  const sub: Case = { ...c, transfers: collected.transfers }
  return { json: JSON.stringify(toReport(trace(sub, { method: 'fifo' }), { evidence: true })), transfers: collected.transfers.length }
}

describe.skipIf(binDir === null || !existsSync(GEN))('reports through the PostgreSQL source equal those through memory', () => {
  let server: PostgresServer
  let pool: pg.Pool
  const cases: [string, () => Case][] = [
    ['demo', () => parseCase(readFileSync(new URL('../../examples/demo-case.json', import.meta.url), 'utf8'))],
    ['generated 100k', () => generated(100_000)],
  ]

  beforeAll(async () => {
    server = await startPostgres()
    pool = server.pool()
  })
  afterAll(async () => { await server?.stop() })

  for (const [name, load] of cases) {
    it(`${name}: identical report bytes`, async () => {
      const c = load()
      const table = `t_${name.replace(/\W/g, '_')}`
      await pool.query(createSchemaSql(table))
      await loadTransfers(pool, c.transfers as Transfer[], { table })
      const viaPostgres = await reportVia(postgresSource(pool, { table }), c)
      const viaMemory = await reportVia(memorySource(c.transfers), c)
      expect(viaPostgres.transfers).toBe(viaMemory.transfers)
      expect(viaPostgres.transfers).toBeLessThanOrEqual(c.transfers.length)
      expect(viaPostgres.json).toBe(viaMemory.json)
      expect((JSON.parse(viaPostgres.json) as { actions: unknown[] }).actions.length).toBeGreaterThan(0)
    }, 120_000)
  }
})
