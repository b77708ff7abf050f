// Issue 5 benchmark: adding 100 statements one by one to a 1M-transfer case, incremental
// (extendTracer) against a full re-trace (trace) after every statement.
//
//   node bench/investigate.mjs [--file bench/data/c1m.json] [--statements 100] [--method fifo]
//                              [--full-every 1] [--no-build]
//
// Builds the package first with tsup into bench/data/dist-investigate (not ./dist, which the main
// benchmark may be running from). Uses bench/data/c1m.json (or c1M.json), generating it with
// /work/shared/bench/gen-case.mjs when neither exists. Holds back the outgoing transfers of 100
// accounts the victims' money reached (the first 100 by first arrival, the order an analyst pulls
// statements in), then adds them back one account at a time. Prints a table and writes
// bench/data/investigate-results.json.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, parseArgs } from './_lib.mjs'

const args = parseArgs(process.argv.slice(2))
const statements = Number(args.statements ?? 100)
const method = String(args.method ?? 'fifo')
const fullEvery = Number(args['full-every'] ?? 1)
const DIST = join(ROOT, 'bench', 'data', 'dist-investigate')

if (args.build !== 'false' && !process.argv.includes('--no-build')) {
  execFileSync('npx', ['tsup', 'src/index.ts', '--no-config', '--format', 'esm', '--target', 'node20', '--out-dir', DIST, '--define.__FUNDTRACE_VERSION__', '"bench"', '--silent'], { cwd: ROOT, stdio: 'inherit' })
}
const ft = await import(join(DIST, 'index.js'))

let file = args.file
if (file === undefined) {
  file = [join(ROOT, 'bench/data/c1m.json'), join(ROOT, 'bench/data/c1M.json')].find((f) => existsSync(f))
  if (file === undefined) {
    file = join(ROOT, 'bench/data/c1m.json')
    execFileSync(process.execPath, ['/work/shared/bench/gen-case.mjs', '--transfers', '1e6', '--out', file], { stdio: 'inherit' })
  }
}
const now = () => performance.now() / 1e3
const gc = () => globalThis.gc?.()

let t = now()
const whole = ft.parseCase(JSON.parse(readFileSync(file, 'utf8')))
const loadSeconds = now() - t
console.error(`${file}: ${whole.transfers.length} transfers, ${whole.accounts.length} accounts, loaded in ${loadSeconds.toFixed(1)} s`)

// the accounts to hold back: involved accounts with outgoing transfers, by first arrival
const complete = ft.trace(whole, { method })
const outgoing = new Map()
for (const tr of whole.transfers) {
  let list = outgoing.get(tr.from)
  if (list === undefined) outgoing.set(tr.from, (list = []))
  list.push(tr)
}
const chosen = [...complete.accounts]
  .filter((a) => (outgoing.get(a.id)?.length ?? 0) > 0)
  .sort((a, b) => a.firstArrival - b.firstArrival || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  .slice(0, statements)
  .map((a) => a.id)
const held = new Set(chosen)
const base = { ...whole, transfers: whole.transfers.filter((tr) => !held.has(tr.from)) }
console.error(`holding back ${chosen.length} statements, ${whole.transfers.length - base.transfers.length} transfers; base ${base.transfers.length}`)

gc()
t = now()
let tracer = ft.createTracer(base, { method })
const createSeconds = now() - t
t = now()
ft.trace(base, { method })
const firstFullSeconds = now() - t

const steps = []
let known = base
for (const account of chosen) {
  const rows = outgoing.get(account)
  known = { ...known, transfers: known.transfers.concat(rows) }
  gc()
  t = now()
  tracer = ft.extendTracer(tracer, { transfers: rows })
  const incremental = now() - t
  let full = null
  if ((steps.length + 1) % fullEvery === 0 || steps.length + 1 === chosen.length) {
    gc()
    t = now()
    ft.trace(known, { method })
    full = now() - t
  }
  const { resumedFrom, resweptTransfers, totalTransfers } = tracer.stats
  const firstNew = Math.min(...rows.map((r) => r.time))
  // the least any resumable sweep must redo: the transfers from the earliest new one on
  let least = 0
  for (const tr of known.transfers) if (tr.time >= firstNew && (whole.asOf === undefined || tr.time <= whole.asOf)) least++
  steps.push({ account, rows: rows.length, incremental, full, resumedFrom, resweptTransfers, totalTransfers, resweepFraction: resweptTransfers / totalTransfers, leastFraction: least / totalTransfers, firstNewTime: new Date(firstNew).toISOString() })
  if (steps.length % 10 === 0) console.error(`step ${steps.length}: incremental ${incremental.toFixed(3)} s, full ${full === null ? '-' : full.toFixed(3) + ' s'}, resweep ${(100 * resweptTransfers / totalTransfers).toFixed(1)}%`)
}

// the end result must be the full trace of the whole case, byte for byte
const same = JSON.stringify(ft.toReport(tracer.result)) === JSON.stringify(ft.toReport(ft.trace(known, { method })))

const sum = (xs) => xs.reduce((a, b) => a + b, 0)
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const timedFull = steps.filter((s) => s.full !== null)
const summary = {
  file, method, transfers: whole.transfers.length, steps: steps.length, heldBackTransfers: whole.transfers.length - base.transfers.length,
  createTracerSeconds: createSeconds, firstFullTraceSeconds: firstFullSeconds,
  incrementalTotalSeconds: sum(steps.map((s) => s.incremental)),
  fullTotalSeconds: sum(timedFull.map((s) => s.full)) * (steps.length / timedFull.length),
  fullTimedSteps: timedFull.length,
  incrementalMedianSeconds: median(steps.map((s) => s.incremental)),
  fullMedianSeconds: median(timedFull.map((s) => s.full)),
  resweepFractionMedian: median(steps.map((s) => s.resweepFraction)),
  resweepFractionMean: sum(steps.map((s) => s.resweepFraction)) / steps.length,
  leastFractionMedian: median(steps.map((s) => s.leastFraction)),
  resumedFromZero: steps.filter((s) => s.resumedFrom === 0).length,
  finalReportIdentical: same,
}
const out = { started: new Date().toISOString(), node: process.version, summary, steps }
writeFileSync(join(ROOT, 'bench/data/investigate-results.json'), `${JSON.stringify(out, null, 2)}\n`)

const f = (x) => x.toFixed(2)
console.log(`| steps | transfers | incremental total (s) | full re-trace total (s) | speed-up | resweep fraction median | mean | least possible (median) | steps resumed from 0 | final report identical |`)
console.log(`| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |`)
console.log(`| ${steps.length} | ${whole.transfers.length} | ${f(summary.incrementalTotalSeconds)} | ${f(summary.fullTotalSeconds)}${timedFull.length < steps.length ? ` (${timedFull.length} timed, scaled)` : ''} | ${(summary.fullTotalSeconds / summary.incrementalTotalSeconds).toFixed(1)}× | ${summary.resweepFractionMedian.toFixed(3)} | ${summary.resweepFractionMean.toFixed(3)} | ${summary.leastFractionMedian.toFixed(3)} | ${summary.resumedFromZero} | ${same ? 'yes' : 'NO'} |`)
console.log(`createTracer on the base: ${f(createSeconds)} s (trace: ${f(firstFullSeconds)} s); median step: incremental ${summary.incrementalMedianSeconds.toFixed(3)} s, full ${summary.fullMedianSeconds.toFixed(3)} s`)
if (!same) process.exitCode = 1
