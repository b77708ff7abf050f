#!/usr/bin/env node
// Issue 10 bench: `--method all` against one method on a 1M case, and 1,000 linked cases of 1,000
// transfers against one 1M trace. Parse time is excluded on both sides (shared, measured apart).
// Usage: npm run build && node bench/issue10.mjs [--size 1e6] [--cases 1000] [--per-case 1000]
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const GEN = join(ROOT, '..', 'shared', 'bench', 'gen-case.mjs')
const DATA = join(ROOT, 'bench', 'data')
const args = Object.fromEntries(process.argv.slice(2).reduce((acc, v, i, a) => (v.startsWith('--') ? [...acc, [v.slice(2), a[i + 1]]] : acc), []))
const size = Number(args.size ?? 1e6)
const cases = Number(args.cases ?? 1000)
const perCase = Number(args['per-case'] ?? 1000)
const ft = await import(join(ROOT, 'dist', 'index.js'))

mkdirSync(DATA, { recursive: true })
const gen = (file, extra) => {
  if (existsSync(file)) return
  const r = spawnSync(process.execPath, [GEN, ...extra, '--out', file], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`gen-case failed for ${file}: ${r.stderr}`)
}
const time = (fn) => {
  const t = process.hrtime.bigint()
  const value = fn()
  return { value, seconds: Number(process.hrtime.bigint() - t) / 1e9 }
}
const best = (n, fn) => {
  let min = Infinity
  let value
  for (let i = 0; i < n; i++) {
    const r = time(fn)
    if (r.seconds < min) min = r.seconds
    value = r.value
  }
  return { value, seconds: min }
}

const bigFile = join(DATA, `c${size}.json`)
gen(bigFile, ['--transfers', String(size)])
const big = time(() => ft.parseCase(readFileSync(bigFile, 'utf8')))
const one = best(3, () => ft.trace(big.value, { method: 'fifo' }))
const all = best(3, () => ft.compareMethods(big.value))
const ratioAll = all.seconds / one.seconds

const small = []
const linkDir = join(DATA, `link-${cases}x${perCase}`)
mkdirSync(linkDir, { recursive: true })
for (let i = 1; i <= cases; i++) {
  const file = join(linkDir, `case-${i}.json`)
  gen(file, ['--transfers', String(perCase), '--seed', String(1000 + i), '--victims', '3'])
  // gen-case numbers transfers by file position, so every generated case reuses T0000001…; real
  // cases carry bank serials. Give each case's ids its own prefix, or every row would be (rightly)
  // reported as a conflicting duplicate of another case's different transfer. The prefix goes into
  // the JSON before parsing, so each case is a parsed (columns-backed) Case, as a real one read
  // from its file is.
  const raw = JSON.parse(readFileSync(file, 'utf8'))
  const id = (t) => `c${i}-${t}`
  raw.caseId = `${raw.caseId}-${i}`
  for (const v of raw.victims) v.transfers = v.transfers.map(id)
  for (const t of raw.transfers) t.id = id(t.id)
  small.push(ft.parseCase(raw))
}
let joint
const linkOnly = best(3, () => (joint = ft.linkCases(small).joint))
const jointTrace = best(3, () => ft.trace(joint, { method: 'fifo' }))
const linked = best(3, () => {
  const l = ft.linkCases(small)
  return ft.trace(l.joint, { method: 'fifo' })
})
const ratioLink = linked.seconds / one.seconds

const table = [
  ['measure', 'seconds', 'ratio', 'target', 'verdict'],
  [`parse ${size.toLocaleString('en-US')} (shared, not counted)`, big.seconds.toFixed(3), '', '', ''],
  ['trace fifo', one.seconds.toFixed(3), '1.00', '', ''],
  ['compareMethods (4 sweeps, one ledger)', all.seconds.toFixed(3), ratioAll.toFixed(2), '≤ 2.50', ratioAll <= 2.5 ? 'PASS' : 'FAIL'],
  [`  linkCases alone`, linkOnly.seconds.toFixed(3), (linkOnly.seconds / one.seconds).toFixed(2), '', ''],
  [`  trace of the joint case`, jointTrace.seconds.toFixed(3), (jointTrace.seconds / one.seconds).toFixed(2), '', ''],
  [`link ${cases} cases × ${perCase} + joint trace`, linked.seconds.toFixed(3), ratioLink.toFixed(2), '≤ 1.50', ratioLink <= 1.5 ? 'PASS' : 'FAIL'],
]
const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)))
for (const row of table) console.log(row.map((c, i) => c.padEnd(widths[i])).join('  '))
if (args.clean !== undefined) rmSync(linkDir, { recursive: true, force: true })
