// In-process phases of one case, through the built package (dist/index.js): read + validate,
// then per method buildLedger alone, trace (ledger + sweep + assemble; the methods taking turns)
// and the report (toReport + the CLI's JSON text), after untimed warm-up traces of each method
// (--warm N, default 5; 0 or false: none). Run by bench/run.mjs as a child:
// node --expose-gc bench/_inproc.mjs --file F [--methods fifo,lifo] [--reps 3] [--dist DIR]
// [--warm N]; prints one JSON line.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, parseArgs } from './_lib.mjs'

const args = parseArgs(process.argv.slice(2))
const file = args.file
const methods = String(args.methods ?? 'fifo,lifo,pro_rata,victim_last').split(',')
const reps = Number(args.reps ?? 3)
const warmups = args.warm === 'false' ? 0 : Number(args.warm ?? 5)
const ft = await import(join(args.dist ?? join(ROOT, 'dist'), 'index.js'))
const now = () => performance.now() / 1e3
const gc = () => globalThis.gc?.()
const format = /\.csv$/i.test(file) ? 'csv' : /\.(ndjson|jsonl)$/i.test(file) ? 'ndjson' : 'json'

const out = { file, format, methods: {} }
let c
gc()
{
  // as the CLI reads a file: JSON, NDJSON and CSV alike go through readCaseFile, which reads and
  // validates in one pass (JSON from its bytes straight into the columns)
  const t = now()
  c = await ft.readCaseFile(file)
  out.readValidate = now() - t
}
out.transfers = c.transfers.length
out.accounts = c.accounts.length
out.victims = c.victims.length


// a line after every step: if a later step dies (out of memory), the parent still has the earlier ones
const emit = () => process.stdout.write(`${JSON.stringify({ ...out, maxRSS: process.resourceUsage().maxRSS * 1024 })}\n`)
emit()

// Traces are timed back to back, not each right after a forced gc(): a full collection forced just
// before a 0.1 s trace made it 2× slower (measured on the 90%-noise 1M case: 93–150 ms back to back,
// 206–300 ms after gc()), which is the harness, not the trace. Collections the traces themselves
// cause fall inside their timings.
for (const method of methods) {
  const m = (out.methods[method] = { ledger: [], trace: [], report: [] })
  gc()
  if (typeof ft.buildLedger === 'function') {
    for (let rep = 0; rep < reps; rep++) {
      const t = now()
      ft.buildLedger(c)
      m.ledger.push(now() - t)
    }
    gc()
  }
}
// untimed traces of each method first, so that its times are steady-state (compiled) ones: on the
// 1M case a trace takes 6-8 calls to settle (measured 2026-12-07: fifo 190 168 141 99 96 88 84 …
// ms, pro_rata 379 315 252 249 201 179 172 … ms, in a fresh process), and one warm-up left the
// method with the more code (pro_rata) timed the colder. A method whose traces take seconds is
// compiled within its first one: its warm-up stops after ~2 s.
const warmedFor = Object.fromEntries(methods.map((m) => [m, 0]))
for (let w = 0; w < warmups; w++) {
  for (const method of methods) {
    if (warmedFor[method] > 2) continue
    const t = now()
    ft.trace(c, { method })
    warmedFor[method] += now() - t
  }
}
// the methods take turns, rep by rep: their ratios (every method within 2× of fifo) are then taken
// over the same stretch of time, not over blocks a second apart on a machine whose speed drifts
// (measured: the same trace 71–121 ms from one block to the next). No result outlives its rep: one
// method's result kept alive during another's trace made that trace pay for collecting around it
// (the all-victim case's fifo trace: 0.27 s in the first rep, 0.45-0.63 s with four results held).
for (let rep = 0; rep < reps; rep++) {
  for (const method of methods) {
    const m = out.methods[method]
    const t = now()
    let result = ft.trace(c, { method })
    m.trace.push(now() - t)
    if (rep === 0) {
      m.balanced = result.victims.every((v) => v.held + v.exited + v.returned + v.beyond === v.loss)
      m.held = String(result.victims.reduce((s, v) => s + v.held, 0n))
      m.involved = result.accounts.length
      // the sweep's work counts (withdrawals, origins visited, pieces, lots), when the build has them
      if (typeof ft.traceWork === 'function') m.work = ft.traceWork(result)
    }
    result = undefined
    emit()
  }
}
for (const method of methods) {
  const m = out.methods[method]
  const result = ft.trace(c, { method }) // untimed: the result the reports are made of
  for (let rep = 0; rep < reps; rep++) {
    const t = now()
    let text
    try {
      text = `${JSON.stringify(ft.toReport(result), null, 2)}\n`
      m.report.push(now() - t)
    } catch (error) {
      m.reportError = `${error.name}: ${error.message}`
    }
    if (rep === 0 && text !== undefined) {
      m.sha256 = createHash('sha256').update(text).digest('hex')
      m.reportBytes = Buffer.byteLength(text)
    }
    text = undefined
    emit()
  }
}
out.complete = true
emit()
