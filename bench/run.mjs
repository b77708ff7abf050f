#!/usr/bin/env node
// fundtrace benchmark (issue 8). `npm run bench` builds, then runs this. Options:
//   --quick               100k only, json, one rep, extremes at a tenth (under a minute)
//   --size N | --sizes a,b,c   transfers per case (default 1e5,1e6,1e7)
//   --formats json,ndjson,csv  (default all three; JSON only up to 2M transfers)
//   --methods m1,m2       methods run end to end (default: all four on JSON ≤ 1M, fifo otherwise)
//   --reps N              runs per measurement, median reported (default 3 up to 1M, 1 above)
//   --no-networkx --no-extremes --no-special   skip parts
//   --keep                keep the generated cases in bench/data (default: delete them at the end)
//   --dist DIR            benchmark another build (default: ./dist), e.g. a checkout with other changes
//   --out FILE            where to write the results (default bench/results.json)
//   --from FILE --only-extremes   rerun only the extremes, keeping the rest of an earlier results file
// Writes bench/results.json and prints the tables and the PASS/FAIL list of the issue's targets.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CLI, DATA, DIST, FLOOR, METHODS, NX, PYTHON, ROOT, best, heapFlags, conservation, failure, generate, lastJson, reportParts, hasNetworkx, log, machine, measure, median, mib, parseArgs, ratio, removeCase, sec, sizeLabel, table } from './_lib.mjs'
import { extremesTable, runExtremes } from './extremes.mjs'

const args = parseArgs(process.argv.slice(2))
const quick = Boolean(args.quick)
const sizes = (args.size ? [args.size] : args.sizes ? String(args.sizes).split(',') : quick ? ['1e5'] : ['1e5', '1e6', '1e7']).map(Number)
const formats = args.formats ? String(args.formats).split(',') : quick ? ['json'] : ['json', 'ndjson', 'csv']
const repsFor = (n) => Number(args.reps ?? (quick ? 1 : n <= 1e6 ? 3 : 1))
const methodsFor = (n, format) => (args.methods ? String(args.methods).split(',') : format === 'json' && n <= 1e6 ? METHODS : ['fifo'])
if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` (npm run bench does)')

const started = new Date()
const results = { started: started.toISOString(), machine: machine(), options: { quick, sizes, formats, dist: DIST }, fixed: null, cases: [], special: {}, extremes: [], targets: [] }
const used = new Set()
const resultsFile = args.out ? String(args.out) : join(ROOT, 'bench', 'results.json')
/** Written after every case, so a run that dies late keeps what it measured. */
const save = () => writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`)

// Fixed overhead: the CLI on the tiny demo case (Node itself, the bundle, the first GC heap).
{
  const demo = join(ROOT, 'examples', 'demo-case.json')
  const r = await measure(process.execPath, [CLI, 'trace', demo, '--quiet'])
  results.fixed = { wall: r.wall, maxRSS: r.maxRSS }
  log(`fixed overhead (demo case): ${sec(r.wall)} s, ${mib(r.maxRSS)}`)
}
const nxAvailable = !args['no-networkx'] && hasNetworkx()
if (!args['no-networkx'] && !nxAvailable) log('NetworkX baseline skipped: /usr/bin/python3 cannot import networkx (apt-get install -y python3-networkx)')

/** Floor, CLI end to end, in-process phases (and NetworkX on JSON) for one case file. */
async function benchCase({ name, file, n, format, methods, reps, inprocMethods, networkx }) {
  used.add(file)
  const entry = { name, file, transfers: n, format, reps, floor: null, cli: {}, inproc: null, networkx: null }
  log(`${name} ${format}: floor ×${reps}`)
  const floors = []
  for (let i = 0; i < reps; i++) {
    const r = await measure(process.execPath, [FLOOR, file, '--json'], { keepStdout: true })
    if (r.code !== 0) { entry.floor = { error: r.stderr.slice(0, 500) }; break }
    floors.push({ ...JSON.parse(r.stdout), wall: r.wall })
  }
  if (floors.length) {
    const f = Object.fromEntries(['read_s', 'parse_s', 'pack_s', 'sort_s', 'sweep_s', 'total_s', 'wall'].map((k) => [k, median(floors.map((x) => x[k]))]))
    const fb = Object.fromEntries(['sort_s', 'sweep_s'].map((k) => [k, best(floors.map((x) => x[k]))]))
    entry.floor = { ...f, best: fb, maxRSS: Math.max(...floors.map((x) => x.maxRSS_bytes)), held: floors[0].held, balanced: floors[0].balanced, accounts: floors[0].accounts }
  }
  for (const method of methods) {
    log(`${name} ${format}: CLI ${method} ×${reps}`)
    const runs = []
    for (let i = 0; i < reps; i++) {
      const r = await measure(process.execPath, [CLI, 'trace', file, '--method', method, '--quiet'], { keepStdout: i === 0 })
      runs.push(r)
      if (r.code !== 0) break
    }
    const first = runs[0]
    const cli = { code: first.code, signal: first.signal, wall: median(runs.map((r) => r.wall)), maxRSS: Math.max(...runs.map((r) => r.maxRSS ?? 0)) || null, user: median(runs.map((r) => r.user)), sha256: first.sha256, reportBytes: first.bytes }
    if (first.code === 0) {
      const c = conservation(reportParts(first).report)
      cli.balanced = c.balanced
      cli.held = String(c.held)
    } else cli.error = failure(first)
    entry.cli[method] = cli
  }
  if (inprocMethods.length) {
    log(`${name} ${format}: in-process ${inprocMethods.join(',')} ×${reps}`)
    const r = await measure(process.execPath, ['--expose-gc', ...heapFlags(file), join(ROOT, 'bench', '_inproc.mjs'), '--file', file, '--methods', inprocMethods.join(','), '--reps', String(reps), '--dist', DIST, ...(n > 2e6 ? ['--warm', 'false'] : [])], { keepStdout: true })
    entry.inproc = lastJson(r.stdout) ?? {}
    if (r.code !== 0) entry.inproc.error = failure(r)
  }
  if (networkx) {
    const nxReps = n <= 1e5 ? reps : 1
    log(`${name} ${format}: NetworkX ×${nxReps}`)
    const runs = []
    for (let i = 0; i < nxReps; i++) {
      const r = await measure(PYTHON, [NX, file, '--json'], { keepStdout: true })
      if (r.code !== 0) { entry.networkx = { error: r.stderr.slice(-500) }; break }
      const j = JSON.parse(r.stdout)
      runs.push({ load: j.load_s, build: j.build_s, trace: j.trace_s, total: j.total_s, wall: r.wall, maxRSS: j.maxRSS_bytes, balanced: j.victims.every((v) => v.balanced) })
    }
    if (runs.length) entry.networkx = { ...Object.fromEntries(['load', 'build', 'trace', 'total', 'wall'].map((k) => [k, median(runs.map((x) => x[k]))])), maxRSS: Math.max(...runs.map((x) => x.maxRSS)), balanced: runs.every((x) => x.balanced), reps: runs.length }
  }
  results.cases.push(entry)
  save()
  return entry
}

if (args.from) {
  const earlier = JSON.parse(readFileSync(String(args.from), 'utf8'))
  Object.assign(results, { started: earlier.started, machine: earlier.machine, options: earlier.options, fixed: earlier.fixed, cases: earlier.cases, special: earlier.special })
  results.extremesRerun = started.toISOString()
}
const standard = !args['only-extremes']

// 1. the standard cases (gen-case defaults: 20 victims, 90% noise, seed 1) per size and format
for (const n of standard ? sizes : []) {
  for (const format of formats) {
    if (format === 'json' && n > 2e6) continue // a JSON case over ~400 MiB is refused: NDJSON/CSV are for that
    const file = generate(`c${sizeLabel(n)}`, ['--transfers', String(n)], format)
    // in-process phases: every method on the first format of the size, fifo on the others; at 10M
    // fifo only, on one format (the CLI runs cover the rest)
    const first = formats.find((f) => f !== 'json' || n <= 2e6)
    const inprocMethods = n > 2e6 ? (format === first ? ['fifo'] : []) : format === first ? METHODS : ['fifo']
    await benchCase({
      name: `${sizeLabel(n)}`, file, n, format, reps: repsFor(n), methods: methodsFor(n, format),
      inprocMethods, networkx: nxAvailable && format === 'json' && n <= 1e6,
    })
  }
}

// 2. special cases: all-victim money (noise 0) and 10,000 victims (pro_rata mixing)
if (standard && !args['no-special']) {
  const n = quick ? 1e5 : 1e6
  const reps = repsFor(n)
  const fileN0 = generate(`c${sizeLabel(n)}-noise0`, ['--transfers', String(n), '--noise', '0'])
  results.special.allVictim = await benchCase({ name: `${sizeLabel(n)} noise 0`, file: fileN0, n, format: 'json', reps, methods: ['fifo'], inprocMethods: METHODS, networkx: false })
  const victims = quick ? 1000 : 10000
  const fileV = generate(`c${sizeLabel(n)}-v${sizeLabel(victims)}`, ['--transfers', String(n), '--victims', String(victims)])
  results.special.manyVictims = await benchCase({ name: `${sizeLabel(n)} ${victims} victims`, file: fileV, n, format: 'json', reps, methods: ['fifo', 'pro_rata'], inprocMethods: ['fifo', 'pro_rata'], networkx: false })
  results.special.manyVictims.victimCount = victims
  // the same size with a tenth of the victims: pro_rata's time per piece must not grow with the victim count
  const fewer = victims / 10
  const fileF = generate(`c${sizeLabel(n)}-v${sizeLabel(fewer)}`, ['--transfers', String(n), '--victims', String(fewer)])
  results.special.fewerVictims = await benchCase({ name: `${sizeLabel(n)} ${fewer} victims`, file: fileF, n, format: 'json', reps, methods: [], inprocMethods: ['fifo', 'pro_rata'], networkx: false })
  results.special.fewerVictims.victimCount = fewer
}

// 3. the extremes of issue 7
if (!args['no-extremes']) {
  try {
    results.extremes = await runExtremes({ quick, keep: Boolean(args.keep) })
  } catch (error) {
    results.extremesError = String(error?.stack ?? error)
    log(`extremes failed: ${results.extremesError}`)
  }
  save()
}

// ---- tables ----
const byKey = (name, format) => results.cases.find((c) => c.name === name && c.format === format)
const fixedRSS = results.fixed.maxRSS
const out = []
out.push(`fundtrace benchmark — ${results.machine.cpus} cores (${results.machine.model}), ${(results.machine.memory / 2 ** 30).toFixed(0)} GiB, Node ${results.machine.node}; ${started.toISOString()}; load at start ${results.machine.load.map((x) => x.toFixed(1)).join(' ')}`)
out.push(`Seconds. total and peak RSS: the CLI end to end (node dist/cli.js trace FILE --method M), median of the reps; ×floor = total ÷ floor total; NX÷ft = NetworkX total ÷ total. read/validate/trace/report: in-process phases through dist/index.js, best of the reps (read and validate are one pass, readCaseFile). Baselines: medians.`)
out.push('')
const main = [['case', 'format', 'method', 'reps', 'read', 'validate', 'trace', 'report', 'total', 'peak RSS', 'B/transfer', '×floor', 'NX÷ft', 'report sha256']]
for (const c of results.cases) {
  const ip = c.inproc ?? {}
  for (const method of METHODS) {
    const cli = c.cli[method]
    const im = ip.methods?.[method]
    if (!cli && !im) continue
    const total = cli?.code === 0 ? cli.wall : null
    main.push([
      c.name, c.format, method, String(c.reps),
      ip.read != null ? sec(ip.read) : ip.readValidate != null ? `${sec(ip.readValidate)}*` : '—',
      ip.validate != null ? sec(ip.validate) : ip.readValidate != null ? '*' : '—',
      im ? sec(best(im.trace)) : '—', im ? (im.reportError ? 'failed' : sec(best(im.report))) : '—',
      cli ? (cli.code === 0 ? sec(total) : `failed (${cli.signal ?? `exit ${cli.code}`})`) : '—',
      cli?.maxRSS ? mib(cli.maxRSS) : '—', cli?.maxRSS ? String(Math.round(cli.maxRSS / c.transfers)) : '—',
      total && c.floor?.total_s ? ratio(total / c.floor.total_s) : '—',
      total && c.networkx?.total ? ratio(c.networkx.total / total) : '—',
      (cli?.sha256 ?? im?.sha256 ?? '').slice(0, 12),
    ])
  }
}
out.push(table(main))
out.push('* read and validate are one pass (readCaseFile: JSON from its bytes, NDJSON/CSV streamed); the cell holds both.')
out.push('')
out.push('Baselines (same files, same run):')
const base = [['case', 'format', 'floor read', 'parse', 'pack', 'sort', 'sweep', 'floor total', 'floor RSS', 'NX load', 'NX build', 'NX trace', 'NX total', 'NX RSS']]
for (const c of results.cases) {
  const f = c.floor ?? {}
  const x = c.networkx ?? {}
  base.push([c.name, c.format, sec(f.read_s), sec(f.parse_s), sec(f.pack_s), sec(f.sort_s), sec(f.sweep_s), sec(f.total_s), mib(f.maxRSS), sec(x.load), sec(x.build), sec(x.trace), sec(x.total), mib(x.maxRSS)])
}
out.push(table(base))
out.push('')
out.push('Trace alone, on an already parsed case (in-process, best of the reps; the floor columns are its best too): ledger = buildLedger (interning + the (time, id) sort); trace = trace() = ledger + sweep + assemble; sweep = trace − ledger (a difference of two timings: ≈0 when within their noise).')
const alone = [['case', 'method', 'ledger', 'sweep', 'trace', 'floor sort+sweep', 'trace ÷ floor', 'floor sweep', 'sweep ÷ floor sweep', 'NX trace', 'NX ÷ trace', 'conserved']]
for (const c of results.cases) {
  const ms = c.inproc?.methods
  if (!ms || c.format !== (c.inproc.format)) continue
  if (results.cases.some((d) => d !== c && d.name === c.name && d.inproc?.methods && Object.keys(d.inproc.methods).length > Object.keys(ms).length)) continue
  for (const [method, m] of Object.entries(ms)) {
    const tr = best(m.trace), le = best(m.ledger)
    const sw = tr != null && le != null ? Math.max(0, tr - le) : null // a difference of two timings: ≈0 when within their noise
    const fl = c.floor ? c.floor.best.sort_s + c.floor.best.sweep_s : null
    alone.push([`${c.name} ${c.format}`, method, sec(le), sec(sw), sec(tr), sec(fl), fl ? ratio(tr / fl) : '—', sec(c.floor?.best.sweep_s), c.floor ? ratio(sw / c.floor.best.sweep_s) : '—', sec(c.networkx?.trace), c.networkx ? ratio(c.networkx.trace / tr) : '—', m.balanced ? 'yes' : 'NO'])
  }
}
out.push(table(alone))
if (results.extremes.length) {
  out.push('')
  out.push('Extremes (issue 7), measured: CLI fifo end to end; trace = in-process trace() per method; conserved = loss = held + exited + returned + beyond for every victim, every run.')
  out.push(extremesTable(results.extremes))
  for (const r of results.extremes) {
    if (r.cli.error) out.push(`  ${r.name}: CLI failed: ${r.cli.error}`)
    if (r.inproc?.error) out.push(`  ${r.name}: in-process failed: ${r.inproc.error}`)
    for (const [m, x] of Object.entries(r.inproc?.methods ?? {})) if (x.reportError) out.push(`  ${r.name}: ${m}: report text failed: ${x.reportError}`)
  }
}

// ---- targets ----
const target = (id, text, pass, detail) => results.targets.push({ id, text, pass, detail })
const oneM = quick ? sizes[0] : 1e6
const L = sizeLabel(oneM)
{
  const c = byKey(L, 'json')
  if (c?.cli.fifo?.code === 0 && c.floor) {
    const r = c.cli.fifo.wall / c.floor.total_s
    target('whole-floor', `whole job ≤ 3× floor total on ${L} JSON (fifo)`, r <= 3, `${sec(c.cli.fifo.wall)} s vs floor ${sec(c.floor.total_s)} s = ${ratio(r)}; other methods ${METHODS.slice(1).map((m) => c.cli[m]?.code === 0 ? `${m} ${ratio(c.cli[m].wall / c.floor.total_s)}` : `${m} —`).join(', ')}`)
  }
  if (c?.cli.fifo?.code === 0 && c.networkx) {
    const r = c.networkx.total / c.cli.fifo.wall
    target('whole-nx', `whole job ≥ 5× faster than NetworkX on ${L} JSON (fifo)`, r >= 5, `NetworkX ${sec(c.networkx.total)} s vs ${sec(c.cli.fifo.wall)} s = ${ratio(r)}`)
  }
  const fifo = c?.inproc?.methods?.fifo
  if (fifo && c.floor) {
    const tr = best(fifo.trace), le = best(fifo.ledger), fl = c.floor.best.sort_s + c.floor.best.sweep_s
    target('trace-floor', `trace alone ≤ 3× floor sweep on ${L} (trace() = sort + sweep + assemble vs floor sort + sweep)`, tr <= 3 * fl, `${sec(tr)} s vs ${sec(fl)} s = ${ratio(tr / fl)}; sweep + assemble alone ≈ ${sec(Math.max(0, tr - le))} s vs floor sweep ${sec(c.floor.best.sweep_s)} s`)
  }
  if (fifo && c.networkx) {
    const tr = best(fifo.trace)
    target('trace-nx', `trace alone ≥ 20× faster than NetworkX trace on ${L}`, c.networkx.trace / tr >= 20, `NetworkX trace ${sec(c.networkx.trace)} s vs trace() ${sec(tr)} s = ${ratio(c.networkx.trace / tr)}`)
  }
  if (c?.inproc?.methods?.fifo) {
    const f = best(c.inproc.methods.fifo.trace)
    const worst = METHODS.map((m) => [m, best(c.inproc.methods[m]?.trace ?? []) / f]).filter(([, x]) => Number.isFinite(x))
    target('methods', `every method within 2× of fifo (trace() on ${L} JSON)`, worst.every(([, x]) => x <= 2), worst.map(([m, x]) => `${m} ${ratio(x)}`).join(', '))
  }
}
for (const format of ['ndjson', 'csv']) {
  const big = results.cases.filter((c) => c.format === format).sort((a, b) => b.transfers - a.transfers)[0]
  if (!big || big.transfers < 1e7) continue
  const cli = big.cli.fifo
  const limit = 300 * big.transfers + fixedRSS
  target(`rss-${format}`, `${sizeLabel(big.transfers)} ${format.toUpperCase()} streamed, peak RSS ≤ 300 B/transfer + fixed overhead`, cli?.code === 0 && cli.maxRSS <= limit,
    cli?.code === 0 ? `${mib(cli.maxRSS)} = ${Math.round((cli.maxRSS - fixedRSS) / big.transfers)} B/transfer over the fixed ${mib(fixedRSS)}; limit ${mib(limit)}; ${sec(cli.wall)} s` : `CLI failed: ${cli?.signal ?? cli?.code} ${cli?.error ?? ''}`)
}
{
  const series = results.cases.filter((c) => c.format === 'ndjson' && c.cli.fifo?.code === 0).sort((a, b) => a.transfers - b.transfers)
  if (series.length >= 2 && series.at(-1).transfers >= 100 * series[0].transfers) {
    const per = (c) => c.cli.fifo.wall / c.transfers
    const r = per(series.at(-1)) / per(series[0])
    target('scaling', `time per transfer ${sizeLabel(series[0].transfers)}→${sizeLabel(series.at(-1).transfers)} (NDJSON, CLI fifo) rises ≤ 1.3×`, r <= 1.3, series.map((c) => `${sizeLabel(c.transfers)} ${(per(c) * 1e6).toFixed(2)} µs`).join(', ') + ` → ${ratio(r)}`)
  }
}
if (results.special.allVictim) {
  const noisy = byKey(L, 'json')?.inproc?.methods
  const all = results.special.allVictim.inproc?.methods
  if (noisy?.fifo && all?.fifo) {
    const rs = METHODS.filter((m) => noisy[m] && all[m]).map((m) => [m, best(noisy[m].trace) / best(all[m].trace)])
    target('noise', `90%-noise ${L} traced in ≤ 0.3× the time of the ${L} all-victim case (trace(), fifo)`, rs[0][1] <= 0.3, rs.map(([m, x]) => `${m} ${ratio(x)}`).join(', ') + ` (noise-0 fifo trace ${sec(best(all.fifo.trace))} s)`)
  }
}
if (results.special.manyVictims) {
  // issue: "10,000 victims mixing in shared mules under pro_rata: cost proportional to the origins
  // actually present in each pool (sparse per-origin vectors), shown in the bench". Shown as the
  // sweep's work (traceWork) and the time per piece of it, at 10× fewer victims and at the full count.
  const s = results.special.manyVictims
  const f = results.special.fewerVictims
  const cli = s.cli.pro_rata
  const ip = s.inproc?.methods
  const per = (c) => {
    const m = c?.inproc?.methods?.pro_rata
    const t = best(m?.trace ?? [])
    return m?.work && t != null && m.work.pieces > 0 ? { t, work: m.work, perPiece: t / m.work.pieces, balanced: m.balanced } : null
  }
  const big = per(s), small = per(f)
  const workText = (c, p) => `${c.victimCount.toLocaleString('en-US')} victims: trace() ${sec(p.t)} s, ${p.work.withdrawals.toLocaleString('en-US')} withdrawals, ${p.work.originsVisited.toLocaleString('en-US')} origins visited (${(p.work.originsVisited / Math.max(1, p.work.withdrawals)).toFixed(1)}/withdrawal), ${p.work.pieces.toLocaleString('en-US')} pieces, ${p.work.lots.toLocaleString('en-US')} lots, ${(p.perPiece * 1e6).toFixed(2)} µs/piece`
  const conserved = Boolean(big?.balanced && small?.balanced && (cli === undefined || (cli.code === 0 && cli.balanced)))
  const r = big && small ? big.perPiece / small.perPiece : null
  const floorInfo = cli?.code === 0 && s.floor ? `; CLI ${sec(cli.wall)} s = ${ratio(cli.wall / s.floor.total_s)} floor (information), ${mib(cli.maxRSS)}; fifo trace() ${sec(best(ip?.fifo?.trace ?? []))} s` : cli ? `; CLI failed: ${cli.signal ?? cli.code} ${cli.error ?? ''}` : ''
  target('victims', `${s.victimCount.toLocaleString('en-US')} victims mixing under pro_rata (${L}): cost proportional to the origins present in each pool — time per piece ≤ 2× that at ${f ? f.victimCount.toLocaleString('en-US') : 'a tenth of the'} victims, conserved`,
    r != null && r <= 2 && conserved,
    big && small ? `${workText(s, big)}; ${workText(f, small)} → ${ratio(r)} per piece; conserved ${conserved ? 'yes' : 'NO'}${floorInfo}` : `work counts missing (dist without traceWork?)${floorInfo}`)
}
if (results.extremes.length) {
  const traced = (r) => METHODS.every((m) => r.inproc?.methods?.[m]?.trace?.length && r.inproc.methods[m].balanced)
  const badTrace = results.extremes.filter((r) => !traced(r))
  target('extremes-trace', 'extremes: trace() completes and conserves under every method', badTrace.length === 0, badTrace.length ? `problems: ${badTrace.map((r) => r.name).join(', ')}` : results.extremes.map((r) => `${r.name} fifo ${sec(best(r.inproc.methods.fifo.trace))} s`).join(', '))
  const badCli = results.extremes.filter((r) => r.cli.code !== 0 || !r.cli.balanced || r.cli.fact === false)
  target('extremes-cli', 'extremes: the CLI writes a conserved report end to end', badCli.length === 0, badCli.length ? badCli.map((r) => `${r.name}: ${r.cli.error ?? (r.cli.fact === false ? 'wrong fact' : 'not conserved')}`).join('; ') : results.extremes.map((r) => `${r.name} ${sec(r.cli.wall)} s`).join(', '))
}
{
  // the same case in JSON, NDJSON and CSV must give the same report bytes
  const groups = new Map()
  for (const c of results.cases) for (const [m, cli] of Object.entries(c.cli)) if (cli.sha256 && cli.code === 0) groups.set(`${c.name}|${m}`, [...(groups.get(`${c.name}|${m}`) ?? []), cli.sha256])
  const multi = [...groups].filter(([, v]) => v.length > 1)
  if (multi.length) target('formats', 'JSON, NDJSON and CSV of one case give byte-identical reports', multi.every(([, v]) => new Set(v).size === 1), multi.map(([k, v]) => `${k.replace('|', ' ')} ${new Set(v).size === 1 ? 'same' : 'DIFFERENT'}`).join(', '))
}
out.push('')
out.push(quick ? 'Targets (issue 8) — quick run: measured at 100k, indicative only (the targets are set at 1M and 10M):' : 'Targets (issue 8):')
for (const t of results.targets) out.push(`${t.pass ? 'PASS' : 'FAIL'}  ${t.text} — ${t.detail}`)

results.finished = new Date().toISOString()
save()
console.log(out.join('\n'))
if (!args.keep) for (const file of used) removeCase(file)
log(`results: ${resultsFile}${args.keep ? `; cases kept in ${DATA}` : ''}`)
