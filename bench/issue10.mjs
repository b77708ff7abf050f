#!/usr/bin/env node
// Issue 10 bench: `--method all` against one method on a 1M case, and 1,000 linked cases of 1,000
// transfers against one 1M trace — (a) in process, parse excluded on both sides, and (b) the whole
// job as users run it: the CLI, wall time and peak RSS.
//
// Usage: npm run build && node bench/issue10.mjs [--size 1e6] [--cases 1000] [--per-case 1000]
//          [--collide] [--reps 3] [--no-cli] [--no-inproc] [--clean]
//
// Linked-case data. gen-case numbers accounts by sequence, so cases generated with different seeds
// reuse the same account ids for unrelated roles. By default (realistic) case i keeps its accounts
// to itself — every account id becomes `c{i}-{id}` — except a shared pool of mule accounts: a
// non-victim `bank` account (kind `bank` in the case's metadata, or no metadata, which means bank)
// whose id's FNV-1a hash is 0 mod 20 (~5% of ids) keeps its id, so every case that names that id
// shares the account, as cases of one recurring mule gang do. `--collide` keeps every account id
// as generated (a stress case: every case's accounts collide with unrelated roles of the others).
// Transfer ids are always prefixed `c{i}-` (gen-case numbers transfers by file position; real
// cases carry unique ids); serials stay as generated (bank serials: a few collide between cases
// and are reported as conflicting duplicates, as they would be).
// The cases are written to bench/data/link-{cases}x{perCase}-{ns|collide}/ (gitignored) so the
// CLI can read them; they are parsed by the library (columns-backed Cases, as the CLI reads them).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { CLI, DATA, GEN, ROOT, measure, parseArgs, sizeLabel } from './_lib.mjs'

const args = parseArgs(process.argv.slice(2))
const size = Number(args.size ?? 1e6)
const cases = Number(args.cases ?? 1000)
const perCase = Number(args['per-case'] ?? 1000)
const collide = args.collide === true
const reps = Number(args.reps ?? 3)
const ft = await import(join(ROOT, 'dist', 'index.js'))
const log = (...xs) => process.stderr.write(`${xs.join(' ')}\n`)

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
const verdict = (x, limit) => (x <= limit ? 'PASS' : 'FAIL')

// ---- data ----
const bigFile = join(DATA, `c${size}.json`)
gen(bigFile, ['--transfers', String(size)])

/** FNV-1a of a string's UTF-16 code units. */
const fnv = (s) => {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619)
  return h >>> 0
}
const RULE = 'v1: non-victim bank accounts with fnv1a(id) % 20 === 0 shared; others c{i}-{id}; transfers c{i}-{id}'
/** Whether account `id` (metadata `meta`, or none) of a case stays shared: the mule pool. */
const shared = (id, meta, victimAccounts) => !victimAccounts.has(id) && (meta === undefined || meta.kind === 'bank') && fnv(id) % 20 === 0

/** Case i as generated, with its ids namespaced (see the head of this file). */
function linkedCase(raw, i) {
  const tid = (t) => `c${i}-${t}`
  raw.caseId = `${raw.caseId}-${i}`
  for (const v of raw.victims) v.transfers = v.transfers.map(tid)
  for (const t of raw.transfers) t.id = tid(t.id)
  if (collide) return raw
  const victimAccounts = new Set(raw.victims.flatMap((v) => v.accounts))
  const meta = new Map(raw.accounts.map((a) => [a.id, a]))
  const renamed = new Map()
  const aid = (a) => {
    let r = renamed.get(a)
    if (r === undefined) renamed.set(a, (r = shared(a, meta.get(a), victimAccounts) ? a : `c${i}-${a}`))
    return r
  }
  for (const a of raw.accounts) a.id = aid(a.id)
  for (const v of raw.victims) v.accounts = v.accounts.map(aid)
  for (const t of raw.transfers) {
    t.from = aid(t.from)
    t.to = aid(t.to)
  }
  return raw
}

const rawDir = join(DATA, `link-${cases}x${perCase}`)
const linkDir = join(DATA, `link-${cases}x${perCase}-${collide ? 'collide' : 'ns'}`)
const ruleFile = join(linkDir, 'RULE.txt')
mkdirSync(rawDir, { recursive: true })
const fresh = !existsSync(ruleFile) || readFileSync(ruleFile, 'utf8') !== RULE
if (fresh) {
  log(`writing ${linkDir} …`)
  rmSync(linkDir, { recursive: true, force: true })
  mkdirSync(linkDir, { recursive: true })
}
const caseFiles = []
for (let i = 1; i <= cases; i++) {
  const file = join(linkDir, `case-${i}.json`)
  caseFiles.push(file)
  if (!fresh) continue
  const source = join(rawDir, `case-${i}.json`)
  gen(source, ['--transfers', String(perCase), '--seed', String(1000 + i), '--victims', '3'])
  writeFileSync(file, JSON.stringify(linkedCase(JSON.parse(readFileSync(source, 'utf8')), i)))
}
if (fresh) writeFileSync(ruleFile, RULE)

const table = [['measure', 'seconds', 'peak RSS', 'ratio', 'target', 'verdict']]
const row = (label, seconds, ratio = '', target = '', rss = '') => table.push([label, seconds === null ? '—' : seconds.toFixed(3), rss, ratio === '' ? '' : ratio.toFixed(2), target, ratio === '' || target === '' ? '' : verdict(ratio, Number(target.replace('≤ ', '')))])
const label = `${cases} cases × ${perCase} (${collide ? '--collide' : 'namespaced, shared mule pool'})`

// ---- (a) in process, parse excluded ----
if (args['no-inproc'] === undefined) {
  const big = time(() => ft.parseCase(readFileSync(bigFile, 'utf8')))
  const one = best(reps, () => ft.trace(big.value, { method: 'fifo' }))
  const all = best(reps, () => ft.compareMethods(big.value))
  const small = caseFiles.map((f) => ft.parseCase(readFileSync(f, 'utf8')))
  let linked
  const linkOnly = best(reps, () => (linked = ft.linkCases(small)))
  const jointTrace = best(reps, () => ft.trace(linked.joint, { method: 'fifo' }))
  const both = best(reps, () => ft.trace(ft.linkCases(small).joint, { method: 'fifo' }))
  const j = linked.joint
  const conflicts = linked.warnings.filter((w) => w.code === 'conflicting_duplicate').length
  log(`joint case: ${j.transfers.length.toLocaleString('en-US')} transfers, ${j.accounts.length.toLocaleString('en-US')} accounts with metadata, ${j.victims.length} victims, ${conflicts} conflicting duplicates, ${linked.warnings.length} warnings`)
  table.push(['(a) in process, parse excluded', '', '', '', '', ''])
  row(`parse ${sizeLabel(size)} (not counted)`, big.seconds)
  row('trace fifo, 1M case', one.seconds, 1)
  row('compareMethods (4 sweeps, one ledger)', all.seconds, all.seconds / one.seconds, '≤ 2.50')
  row('  linkCases alone', linkOnly.seconds, linkOnly.seconds / one.seconds)
  row('  trace of the joint case', jointTrace.seconds, jointTrace.seconds / one.seconds)
  row(`link ${label} + joint trace`, both.seconds, both.seconds / one.seconds, '≤ 1.50')
}

// ---- (b) the whole job: the CLI ----
if (args['no-cli'] === undefined) {
  const linkHelp = spawnSync(process.execPath, [CLI, 'link', '--help'], { encoding: 'utf8' })
  const linkHasOut = /--out\b/.test(`${linkHelp.stdout}${linkHelp.stderr}`)
  const out = (name) => ['--out', join('/tmp', `issue10-${process.pid}-${name}.json`)]
  const cli = async (name, argv) => {
    let min = null
    for (let k = 0; k < reps; k++) {
      const r = await measure(process.execPath, [CLI, ...argv])
      if (r.code !== 0) return { failed: `${r.signal ?? `exit ${r.code}`}: ${r.stderr.trim().split('\n').slice(-2).join(' | ').slice(0, 200)}` }
      if (min === null || r.wall < min.wall) min = r
    }
    rmSync(out(name)[1], { force: true })
    return min
  }
  const fifo = await cli('fifo', ['trace', bigFile, '--method', 'fifo', '--quiet', ...out('fifo')])
  const all = await cli('all', ['trace', bigFile, '--method', 'all', '--quiet', ...out('all')])
  const link = await cli('link', ['link', ...caseFiles, '--method', 'fifo', ...(linkHasOut ? out('link') : [])])
  const rss = (r) => (r?.maxRSS ? `${(r.maxRSS / 2 ** 20).toFixed(0)} MiB` : '')
  table.push(['(b) whole job, CLI (wall, best of ' + reps + ')', '', '', '', '', ''])
  if (fifo.failed) throw new Error(`trace fifo failed: ${fifo.failed}`)
  row(`trace ${sizeLabel(size)} --method fifo`, fifo.wall, 1, '', rss(fifo))
  if (all.failed) log(`trace --method all failed: ${all.failed}`)
  else row(`trace ${sizeLabel(size)} --method all`, all.wall, all.wall / fifo.wall, '≤ 2.50', rss(all))
  if (!link.failed) row(`link ${label}${linkHasOut ? '' : ' (stdout)'}`, link.wall, link.wall / fifo.wall, '≤ 1.50', rss(link))
  else {
    // the link CLI failed (e.g. on a very large report): the same work in process, parse included
    log(`link CLI failed: ${link.failed}; measuring read + parse + linkCases + trace + toLinkReport + JSON in process instead`)
    const whole = best(reps, () => {
      const linked = ft.linkCases(caseFiles.map((f) => ft.parseCase(readFileSync(f, 'utf8'))))
      return JSON.stringify(ft.toLinkReport(linked, ft.trace(linked.joint, { method: 'fifo' }))).length
    })
    const oneWhole = best(reps, () => JSON.stringify(ft.toReport(ft.trace(ft.parseCase(readFileSync(bigFile, 'utf8')), { method: 'fifo' }))).length)
    row(`trace ${sizeLabel(size)} fifo in process, parse + report included`, oneWhole.seconds, 1)
    row(`link ${label}: stand-in, in process, parse + report included`, whole.seconds, whole.seconds / oneWhole.seconds, '≤ 1.50')
  }
}

const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)))
for (const r of table) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd())
if (args.clean !== undefined) rmSync(linkDir, { recursive: true, force: true })
