#!/usr/bin/env node
/**
 * Long fuzz runs of the issue-7 properties (test/hardening/_fuzz-properties.ts), outside vitest.
 *
 *   npm run fuzz -- --runs 100000 --seed 42
 *   npm run fuzz -- --target cli,read.ndjson --runs 20000
 *   npm run fuzz -- --target case.value --seed 42 --path "1234:5:0"   (replay a reported failure)
 *
 * (`npm run fuzz` is `tsx scripts/fuzz.mjs`: tsx loads the TypeScript property module.)
 *
 * Options: --runs N (total over the targets, split by weight; default FUZZ_RUNS or 100000),
 * --seed S (default FUZZ_SEED or 42), --budget MS (per-case time budget; default FUZZ_BUDGET_MS
 * or 5000), --target a,b (only these targets), --path P (replay one case; needs --target and
 * --seed), --hang MS (a watchdog thread kills the run when one case blocks the event loop this
 * long, even in synchronous code; default 10 × budget, at least 60000), --shrink (shrink a
 * failure to a minimal case; off by default, as shrinking a slow case can take very long).
 *
 * Prints the runs and outcomes per target; exits 1 when any property failed.
 */
import fc from 'fast-check'
import { writeSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { Worker } from 'node:worker_threads'

const { values } = parseArgs({
  options: {
    runs: { type: 'string' },
    seed: { type: 'string' },
    budget: { type: 'string' },
    target: { type: 'string' },
    path: { type: 'string' },
    hang: { type: 'string' },
    shrink: { type: 'boolean' },
  },
})

const properties = await import('../test/hardening/_fuzz-properties.ts')
const { TARGETS, fuzzProperty, runsPerTarget, targetSeed } = properties

const int = (text, fallback, name) => {
  if (text === undefined || text === '') return fallback
  const value = Number(text)
  if (!Number.isSafeInteger(value) || value < 0) {
    console.error(`fuzz: --${name} must be a non-negative integer, got ${JSON.stringify(text)}`)
    process.exit(2)
  }
  return value
}

const runs = int(values.runs ?? process.env.FUZZ_RUNS, 100_000, 'runs')
const seed = int(values.seed ?? process.env.FUZZ_SEED, 42, 'seed')
const budgetMs = int(values.budget ?? process.env.FUZZ_BUDGET_MS, 5_000, 'budget')
const hangMs = int(values.hang, Math.max(60_000, 10 * budgetMs), 'hang')
const wanted = values.target ? new Set(values.target.split(',').map((t) => t.trim())) : undefined
const targets = wanted ? TARGETS.filter((t) => wanted.has(t.name)) : TARGETS
if (wanted && targets.length !== wanted.size) {
  console.error(`fuzz: unknown target in ${JSON.stringify(values.target)}; targets: ${TARGETS.map((t) => t.name).join(', ')}`)
  process.exit(2)
}
if (values.path !== undefined && targets.length !== 1) {
  console.error('fuzz: --path replays one case: give exactly one --target (and the --seed of the run)')
  process.exit(2)
}

// Watchdog: the main thread stamps the start of every case into shared memory; a worker thread
// (which keeps running while a synchronous loop blocks the main thread) kills the process when a
// case runs past --hang, naming the case so it can be replayed with --path.
const shared = new SharedArrayBuffer(24)
const stamp = new Float64Array(shared, 0, 1)
const where = new Int32Array(shared, 8, 4)
const watchdog = new Worker(`
  const { workerData } = require('node:worker_threads')
  const { writeSync } = require('node:fs')
  const stamp = new Float64Array(workerData.shared, 0, 1)
  const where = new Int32Array(workerData.shared, 8, 4)
  setInterval(() => {
    const started = stamp[0]
    if (started > 0 && Date.now() - started > workerData.hangMs) {
      const target = workerData.names[where[0]]
      writeSync(2, '\\nfuzz: HANG — target ' + target + ', case ' + where[1] + ' blocked for more than ' + workerData.hangMs + ' ms.\\n' +
        'Replay: npm run fuzz -- --target ' + target + ' --seed ' + workerData.seed + ' --path ' + where[1] + '\\n')
      process.kill(process.pid, 'SIGKILL')
    }
  }, 500)
`, { eval: true, workerData: { shared, hangMs, seed, names: targets.map((t) => t.name) } })
watchdog.unref()

// An error thrown outside the awaited call (an 'error' event nobody listens to, a rejected promise
// nobody awaits) would crash a CLI process: it is a failure of the case being run.
for (const event of ['uncaughtException', 'unhandledRejection']) {
  process.on(event, (error) => {
    const target = targets[where[0]]?.name
    console.log(`\n✗ ${event} during target ${target}, case ${where[1]}: ${error instanceof Error ? error.stack : String(error)}`)
    console.log(`Replay: npm run fuzz -- --target ${target} --seed ${seed} --path ${where[1]}`)
    process.exit(1)
  })
}

const perTarget = values.path !== undefined ? new Map([[targets[0].name, 1]]) : runsPerTarget(runs, targets)
console.log(`fuzz: ${values.path !== undefined ? `replaying ${targets[0].name} path ${values.path}` : `${runs} cases`} seed ${seed}, budget ${budgetMs} ms per case, hang watchdog ${hangMs} ms`)

const summary = []
let failed = 0
const started = performance.now()
for (const [index, target] of targets.entries()) {
  const numRuns = perTarget.get(target.name) ?? 0
  if (numRuns === 0) continue
  const tally = new Map()
  const step = Math.max(1, Math.floor(numRuns / 10))
  let cases = 0
  const t0 = performance.now()
  const property = fuzzProperty(target, budgetMs, tally, (i, input) => {
    if (values.path !== undefined) console.log(`input: ${fc.stringify(input)}`)
    stamp[0] = Date.now()
    where[0] = index
    where[1] = i
    cases++
    if (cases <= numRuns && cases % step === 0 && values.path === undefined) {
      writeSync(1, `  ${target.name}: ${cases}/${numRuns} (${((performance.now() - t0) / 1000).toFixed(1)} s)${process.stdout.isTTY ? '\r' : '\n'}`)
    }
  })
  const result = await fc.check(property, {
    numRuns,
    seed: targetSeed(seed, target.name),
    // Without --shrink a failure is reported as found (shrinking a case that runs into the time
    // budget can take hours); replay its path with --shrink for a minimal one.
    endOnFailure: values.shrink !== true,
    ...(values.path !== undefined ? { path: values.path } : {}),
  })
  stamp[0] = 0
  const seconds = (performance.now() - t0) / 1000
  const outcomes = [...tally.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')
  summary.push({ target: target.name, runs: result.numRuns, seconds: Number(seconds.toFixed(1)), failed: result.failed, outcomes })
  if (result.failed) {
    failed++
    const report = fc.defaultReportMessage(result) ?? ''
    console.log(`\n✗ ${target.name}: FAILED after ${result.numRuns} cases (${seconds.toFixed(1)} s)`)
    console.log(report.length > 20_000 ? `${report.slice(0, 20_000)}\n… (report cut)` : report)
    const error = result.errorInstance
    const message = error instanceof Error ? `${error.message}\n${(error.stack ?? '').split('\n').slice(1, 8).join('\n')}` : String(error)
    console.log(`Error: ${message.length > 8_000 ? `${message.slice(0, 8_000)}…` : message}`)
    console.log(`Replay: npm run fuzz -- --target ${target.name} --seed ${seed} --path ${result.counterexamplePath}`)
  } else {
    console.log(`✓ ${target.name}: ${result.numRuns} cases in ${seconds.toFixed(1)} s — ${outcomes}`)
  }
}

const total = summary.reduce((s, r) => s + r.runs, 0)
console.log(`\nfuzz: ${total} cases in ${((performance.now() - started) / 1000).toFixed(1)} s, seed ${seed}: ${failed === 0 ? 'no failure' : `${failed} target(s) FAILED`}`)
console.table(summary.map(({ target, runs: n, seconds, failed: f }) => ({ target, runs: n, seconds, result: f ? 'FAILED' : 'ok' })))
process.exit(failed === 0 ? 0 : 1)
