/**
 * Test harness: a real, throw-away PostgreSQL server for one test file.
 *
 * - Binaries: `$FUNDTRACE_PG_BIN`, else `initdb`/`pg_ctl`/`postgres` found together on `PATH`
 *   (symlinks resolved), else the newest `/usr/lib/postgresql/<major>/bin`. None found → the
 *   caller skips, with a message; anything else that goes wrong fails the run.
 * - A fresh temp dir holds the cluster, the log and the Unix socket; TCP is off
 *   (`listen_addresses=''`), fsync is off (`-F`). Connect with `host` = the socket dir.
 * - As root, the server binaries refuse to run; they are spawned with the uid/gid of the
 *   `postgres` OS user (or `nobody`) and the temp dir is chowned to it. No runuser/su needed.
 * - `stop()` shuts the server down (immediate) and removes the dir; an `exit` hook does the
 *   same if the test process dies first.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process'
import { accessSync, chmodSync, chownSync, constants, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import pg from 'pg'

export interface PostgresServer {
  /** Directory of the Unix socket: pass it as `host`. */
  readonly host: string
  readonly port: number
  readonly user: string
  readonly database: string
  readonly binDir: string
  /** Server version string, e.g. `15.14`. */
  readonly version: string
  /** A pool on the test database. */
  pool(max?: number): pg.Pool
  /** Stops the server and removes its files. Idempotent. */
  stop(): Promise<void>
}

const NAMES = ['initdb', 'pg_ctl', 'postgres'] as const

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

function hasAll(dir: string): boolean {
  return NAMES.every((n) => isExecutable(join(dir, n)))
}

/** The directory holding initdb, pg_ctl and postgres, or null when PostgreSQL is not installed (a wrong `$FUNDTRACE_PG_BIN` throws). */
export function findPostgresBinDir(): string | null {
  const explicit = process.env['FUNDTRACE_PG_BIN']
  if (explicit) {
    if (hasAll(explicit)) return explicit
    throw new Error(`test/_postgres: FUNDTRACE_PG_BIN=${explicit} does not hold initdb, pg_ctl and postgres`)
  }
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (!dir) continue
    const initdb = join(dir, 'initdb')
    if (!isExecutable(initdb)) continue
    // /usr/local/bin/initdb may be a symlink into /usr/lib/postgresql/N/bin: use the real dir.
    const real = dirname(realpathSync(initdb))
    if (hasAll(real)) return real
    if (hasAll(dir)) return dir
  }
  const root = '/usr/lib/postgresql'
  if (existsSync(root)) {
    const majors = readdirSync(root).filter((d) => /^\d+(\.\d+)?$/.test(d)).sort((a, b) => Number(b) - Number(a))
    for (const m of majors) if (hasAll(join(root, m, 'bin'))) return join(root, m, 'bin')
  }
  return null
}

interface RunAs {
  readonly uid: number
  readonly gid: number
  readonly name: string
}

/** As root: the OS user to run the server as (postgres, else nobody). Otherwise null. */
function serverUser(): RunAs | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null
  const passwd = readFileSync('/etc/passwd', 'utf8').split('\n').map((l) => l.split(':'))
  for (const name of ['postgres', 'nobody']) {
    const row = passwd.find((f) => f[0] === name)
    if (row && row[2] && row[3]) return { name, uid: Number(row[2]), gid: Number(row[3]) }
  }
  throw new Error('test/_postgres: running as root and neither a "postgres" nor a "nobody" user exists to run the server as')
}

function run(binDir: string, cmd: string, args: string[], as: RunAs | null, cwd: string): string {
  const options: SpawnSyncOptions = {
    cwd,
    encoding: 'utf8',
    timeout: 90_000,
    // A clean locale; initdb gets --locale=C anyway.
    env: { PATH: `${binDir}${delimiter}${process.env['PATH'] ?? ''}`, LC_ALL: 'C', LANG: 'C', TZ: 'UTC', PGTZ: 'UTC' },
    ...(as ? { uid: as.uid, gid: as.gid } : {}),
  }
  const r = spawnSync(join(binDir, cmd), args, options)
  if (r.error) throw new Error(`test/_postgres: ${cmd} could not run: ${r.error.message}`)
  if (r.status !== 0) {
    throw new Error(`test/_postgres: ${cmd} ${args.join(' ')} exited ${r.status}${as ? ` (as ${as.name})` : ''}\n${r.stdout}\n${r.stderr}`)
  }
  return `${r.stdout ?? ''}`
}

const live = new Set<() => void>()
let hooked = false

/** Starts a fresh server and creates `database`. Throws (with the server log) if anything fails. */
export async function startPostgres(options: { database?: string } = {}): Promise<PostgresServer> {
  const binDir = findPostgresBinDir()
  if (binDir === null) throw new Error('test/_postgres: no PostgreSQL binaries found (PATH, /usr/lib/postgresql/*/bin, $FUNDTRACE_PG_BIN)')
  const as = serverUser()
  // As root the server user must be able to reach the dir: use /tmp, not a private $TMPDIR.
  const base = mkdtempSync(join(as ? '/tmp' : tmpdir(), 'fundtrace-pg-'))
  const data = join(base, 'data')
  const log = join(base, 'server.log')
  const port = 5432
  const user = 'postgres'
  const database = options.database ?? 'fundtrace_test'
  chmodSync(base, 0o700)
  if (as) chownSync(base, as.uid, as.gid)

  let stopped = false
  const stopSync = (): void => {
    if (stopped) return
    stopped = true
    live.delete(stopSync)
    try {
      if (existsSync(join(data, 'postmaster.pid'))) run(binDir, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'], as, base)
    } finally {
      rmSync(base, { recursive: true, force: true })
    }
  }
  live.add(stopSync)
  if (!hooked) {
    hooked = true
    process.once('exit', () => { for (const stop of [...live]) try { stop() } catch { /* best effort */ } })
  }

  try {
    run(binDir, 'initdb', ['-D', data, '-U', user, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'], as, base)
    const serverOptions = `-k '${base}' -c listen_addresses='' -p ${port} -F -c max_connections=20 -c shared_buffers=32MB -c synchronous_commit=off`
    run(binDir, 'pg_ctl', ['-D', data, '-l', log, '-o', serverOptions, '-w', '-t', '60', 'start'], as, base)
  } catch (error) {
    const tail = existsSync(log) ? readFileSync(log, 'utf8').slice(-4000) : '(no server log)'
    try { stopSync() } catch { /* keep the first error */ }
    throw new Error(`${(error as Error).message}\n--- server log ---\n${tail}`)
  }

  const admin = new pg.Client({ host: base, port, user, database: 'postgres' })
  await admin.connect()
  let version: string
  try {
    await admin.query(`CREATE DATABASE "${database}" ENCODING 'UTF8' TEMPLATE template0`)
    version = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version
  } finally {
    await admin.end()
  }

  const pools: pg.Pool[] = []
  return {
    host: base, port, user, database, binDir, version,
    pool(max = 4) {
      const pool = new pg.Pool({ host: base, port, user, database, max })
      pools.push(pool)
      return pool
    },
    async stop() {
      await Promise.allSettled(pools.splice(0).map((p) => p.end()))
      stopSync()
    },
  }
}
