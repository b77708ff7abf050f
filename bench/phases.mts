#!/usr/bin/env -S npx tsx
// Where trace() spends its time, phase by phase, on one case file (best of --reps, parse excluded):
// buildLedger (reach + the (time, id) sort), then per method the sweep, the assembly and the whole
// trace(), then compareMethods. Reads the sources, not dist: run it while changing the code.
// Usage: npx tsx bench/phases.mts FILE [--reps 4]
import { readFileSync } from 'node:fs'
import { parseCase } from '../src/case/index.js'
import { buildLedger } from '../src/ledger/index.js'
import { METHODS } from '../src/report/types.js'
import { assembleResult } from '../src/trace/assemble.js'
import { compareMethods, trace } from '../src/trace/index.js'
import { sweep } from '../src/trace/sweep.js'

const file = process.argv[2]
if (file === undefined) throw new Error('usage: npx tsx bench/phases.mts FILE [--reps 4]')
const repsAt = process.argv.indexOf('--reps')
const reps = repsAt > 0 ? Number(process.argv[repsAt + 1]) : 4

function best<T>(label: string, run: () => T): T {
  let fastest = Number.POSITIVE_INFINITY
  let value!: T
  for (let i = 0; i < reps; i++) {
    const start = performance.now()
    value = run()
    fastest = Math.min(fastest, performance.now() - start)
  }
  console.log(`${label.padEnd(24)} ${fastest.toFixed(1).padStart(9)} ms`)
  return value
}

const parseStart = performance.now()
const caseFile = parseCase(readFileSync(file, 'utf8'))
console.log(`${'parse (once)'.padEnd(24)} ${(performance.now() - parseStart).toFixed(1).padStart(9)} ms`)
const ledger = best('buildLedger reachable', () => buildLedger(caseFile, { scope: 'reachable' }))
console.log(`${'transfers swept'.padEnd(24)} ${String(ledger.from.length).padStart(9)} of ${caseFile.transfers.length}`)
for (const method of METHODS) {
  const state = best(`sweep ${method}`, () => sweep(ledger, method, null))
  best(`assemble ${method}`, () => assembleResult(ledger, state, method, null))
  best(`trace ${method}`, () => trace(caseFile, { method }))
}
best('compareMethods', () => compareMethods(caseFile))
