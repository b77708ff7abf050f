// Helpers of the benchmark (bench/run.mjs, bench/extremes.mjs): paths, generating cases, running
// children with wall time and peak RSS, medians, money checks, tables.
import { spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
export const DATA = join(ROOT, 'bench', 'data')
/** The baselines: /work/shared/bench next to the checkout, or FT_BASELINES. */
export const BASELINES = process.env.FT_BASELINES ?? join(ROOT, '..', 'shared', 'bench')
export const GEN = join(BASELINES, 'gen-case.mjs')
export const FLOOR = join(BASELINES, 'floor.mjs')
export const NX = join(BASELINES, 'networkx_trace.py')
export const PYTHON = '/usr/bin/python3'
/** The build under test: ROOT/dist, or --dist DIR (e.g. another checkout's build, for a before/after). */
export const DIST = (() => {
  const i = process.argv.indexOf('--dist')
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : join(ROOT, 'dist')
})()
export const CLI = join(DIST, 'cli.js')
export const TIME = '/usr/bin/time'
export const METHODS = ['fifo', 'lifo', 'pro_rata', 'victim_last']

export const log = (...xs) => process.stderr.write(`${xs.join(' ')}\n`)

/** `--name value` / `--flag` arguments as an object. */
export function parseArgs(argv) {
  const out = {}
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`)
    const next = argv[i + 1]
    if (next === undefined || next.startsWith('--')) out[a.slice(2)] = true
    else { out[a.slice(2)] = next; i++ }
  }
  return out
}

/** 1e6 → "1M", 100000 → "100k". */
export function sizeLabel(n) {
  if (n >= 1e6 && n % 1e6 === 0) return `${n / 1e6}M`
  if (n >= 1e3 && n % 1e3 === 0) return `${n / 1e3}k`
  return String(n)
}

/** The least of the numbers (in-process phases: the run least disturbed by the rest of the machine). */
export function best(xs) {
  const v = (xs ?? []).filter((x) => typeof x === 'number' && Number.isFinite(x))
  return v.length ? Math.min(...v) : null
}

export function median(xs) {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b)
  if (!v.length) return null
  const m = v.length >> 1
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2
}

/** Generates a case with gen-case.mjs unless the file is already there. Returns its path. */
export function generate(name, args, format = 'json') {
  mkdirSync(DATA, { recursive: true })
  const file = join(DATA, `${name}.${format}`)
  if (existsSync(file) && (format !== 'csv' || existsSync(`${file}.header.json`))) return file
  const t = performance.now()
  const r = spawnSync(process.execPath, [GEN, ...args, '--format', format, '--out', file], { encoding: 'utf8', maxBuffer: 1 << 24 })
  if (r.status !== 0) throw new Error(`gen-case ${args.join(' ')} failed: ${r.stderr}`)
  log(`  generated ${file} (${((performance.now() - t) / 1e3).toFixed(1)} s, ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB)`)
  return file
}

export function removeCase(file) {
  rmSync(file, { force: true })
  rmSync(`${file}.header.json`, { force: true })
}

/**
 * Runs a command, measuring wall time (parent clock) and the child's peak RSS, user and system
 * CPU (GNU time). stdout is hashed (sha256) and optionally kept; stderr is kept.
 */
export function measure(command, args, { keepStdout = false, env, timeoutSeconds = 3600 } = {}) {
  return new Promise((resolve) => {
    const useTime = existsSync(TIME)
    const tmp = join(DATA, `.rusage-${process.pid}-${Math.random().toString(36).slice(2)}`)
    const argv = useTime ? ['-f', '%M %U %S', '-o', tmp, command, ...args] : args
    const t0 = performance.now()
    const child = spawn(useTime ? TIME : command, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } })
    const hash = createHash('sha256')
    const chunks = []
    let bytes = 0
    let stderr = ''
    child.stdout.on('data', (d) => { hash.update(d); bytes += d.length; if (keepStdout) chunks.push(d) })
    child.stderr.on('data', (d) => { if (stderr.length < 1 << 16) stderr += d })
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutSeconds * 1000)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      const wall = (performance.now() - t0) / 1e3
      let maxRSS = null, user = null, system = null
      if (useTime && existsSync(tmp)) {
        const line = readFileSync(tmp, 'utf8').trim().split('\n').at(-1) ?? ''
        const m = /^(\d+) ([\d.]+) ([\d.]+)$/.exec(line)
        if (m) { maxRSS = Number(m[1]) * 1024; user = Number(m[2]); system = Number(m[3]) }
        rmSync(tmp, { force: true })
      }
      // GNU time reports a killed child's status in its own exit code (128 + signal)
      const killed = signal ?? (useTime && code > 128 ? `signal ${code - 128}` : null)
      const out = keepStdout ? Buffer.concat(chunks) : undefined
      // a report can pass the longest string V8 makes (~512 MiB): then only the bytes are kept
      resolve({ code, signal: killed, wall, maxRSS, user, system, sha256: hash.digest('hex'), bytes, stdoutBytes: out, stdout: out && out.length < 2 ** 28 ? out.toString('utf8') : undefined, stderr })
    })
  })
}

/**
 * The parts of a report@1 JSON the checks need, from its bytes: all of it when it fits in a
 * string, else its `victims` array (cut out of the bytes) and the bytes themselves.
 */
export function reportParts(r) {
  if (r.stdout !== undefined) return { report: JSON.parse(r.stdout), bytes: r.stdoutBytes }
  const bytes = r.stdoutBytes
  const start = bytes.indexOf('"victims": [')
  if (start < 0) return { report: { victims: [] }, bytes }
  let depth = 0, end = start + 11, inString = false
  for (; end < bytes.length; end++) {
    const c = bytes[end]
    if (inString) { if (c === 0x5c) end++; else if (c === 0x22) inString = false; continue }
    if (c === 0x22) inString = true
    else if (c === 0x5b || c === 0x7b) depth++
    else if (c === 0x5d || c === 0x7d) { if (--depth === 0) break }
  }
  return { report: { victims: JSON.parse(bytes.toString('utf8', start + 11, end + 1)) }, bytes }
}

/** Checks `loss = held + exited + returned + beyond` for every victim of a report@1 JSON (decimal strings, exact). */
export function conservation(report) {
  const minor = (s) => BigInt(String(s).replace('.', '')) // every amount of a report has the currency's digits
  let ok = true
  let loss = 0n, held = 0n
  for (const v of report.victims ?? []) {
    const [l, h, e, r, b] = [v.loss, v.held, v.exited, v.returned, v.beyond].map(minor)
    if (l !== h + e + r + b) ok = false
    loss += l
    held += h
  }
  return { balanced: ok && (report.victims ?? []).length > 0, loss, held }
}

/** `x` seconds as text. */
export const sec = (x) => (x == null ? '—' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2))
export const mib = (b) => (b == null ? '—' : `${(b / 2 ** 20).toFixed(0)} MiB`)
export const ratio = (x) => (x == null || !Number.isFinite(x) ? '—' : `${x >= 10 ? x.toFixed(0) : x.toFixed(2)}×`)

/** A plain text table: header row, then rows; numbers right-aligned. */
export function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i] ?? '').length)))
  const right = rows[0].map((_, i) => rows.slice(1).every((r) => /^[\d.,×—%-]+( MiB| s)?$|^—$/.test(String(r[i] ?? '—'))))
  const fmt = (r) => r.map((c, i) => (right[i] ? String(c ?? '').padStart(widths[i]) : String(c ?? '').padEnd(widths[i]))).join('  ').trimEnd()
  return [fmt(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(fmt)].join('\n')
}

/** Whether /usr/bin/python3 can import networkx. */
export function hasNetworkx() {
  if (!existsSync(PYTHON) || !existsSync(NX)) return false
  const r = spawnSync(PYTHON, ['-c', 'import networkx'], { encoding: 'utf8' })
  return r.status === 0
}

export function machine() {
  const r = spawnSync(process.execPath, ['-e', 'const os=require("os");console.log(JSON.stringify({cpus:os.cpus().length,model:os.cpus()[0]?.model,memory:os.totalmem(),load:os.loadavg()}))'], { encoding: 'utf8' })
  return { node: process.version, ...JSON.parse(r.stdout) }
}

/** The last JSON line of a child's output (children print their state after every step). */
export function lastJson(text) {
  const lines = String(text ?? '').trim().split('\n').reverse()
  for (const line of lines) {
    try {
      return JSON.parse(line)
    } catch {}
  }
  return null
}

/** A child's failure in a few words: out of memory, a signal, or its last stderr lines. */
export function failure(r) {
  if (/heap out of memory|Reached heap limit|Allocation failed/.test(r.stderr)) return 'out of memory'
  return (r.signal ? `${r.signal}: ` : `exit ${r.code}: `) + r.stderr.trim().split('\n').filter((l) => !/^\s*\d+: 0x/.test(l)).slice(-2).join(' | ').slice(0, 300)
}

/**
 * Node flags for an in-process child reading `file`: the heap the CLI gives itself for the same
 * input (src/cli/_heap.ts: inputs over 64 MB get 70% of RAM when RAM is at least 8 GiB).
 */
export function heapFlags(file) {
  const total = totalmem()
  let size = 0
  try {
    size = statSync(file).size
  } catch {}
  return size > 64 * 2 ** 20 && total >= 8 * 2 ** 30 ? [`--max-old-space-size=${Math.floor((total * 0.7) / 2 ** 20)}`] : []
}
