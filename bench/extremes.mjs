#!/usr/bin/env node
// The extremes of issue 7 as benchmark rows (measured, not asserted): generated here, traced by
// the CLI end to end and in-process under every method, and checked for conservation
// (loss = held + exited + returned + beyond, exactly, per victim) plus one fact per case.
//   node bench/extremes.mjs [--quick] [--keep] [--only chain,same-ms,hub,big]
// Prints a table; with --json, one JSON line instead. bench/run.mjs calls runExtremes().
import { closeSync, openSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { CLI, DATA, DIST, ROOT, best, conservation, heapFlags, failure, lastJson, log, reportParts, measure, median, mib, parseArgs, removeCase, sec, table } from './_lib.mjs'
import { mkdirSync } from 'node:fs'

const T0 = Date.UTC(2026, 2, 1, 0, 0, 0) // 2026-03-01T08:00:00+08:00
const iso = (ms) => new Date(ms + 8 * 3600e3).toISOString().replace(/\.(\d{3})Z$/, (_, f) => (f === '000' ? '' : `.${f}`) + '+08:00')
const yuan = (fen) => `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`

/** Streams a case@1 JSON file: header fields, then the transfers one by one. */
class CaseWriter {
  constructor(file, header) {
    this.fd = openSync(file, 'w')
    this.buf = []
    this.size = 0
    this.first = true
    const head = JSON.stringify({ format: 'fundtrace/case@1', caseType: 'telecom_fraud', currency: 'CNY', timezone: 'Asia/Shanghai', ...header })
    this.write(`${head.slice(0, -1)},"transfers":[\n`)
  }
  write(s) {
    this.buf.push(s)
    this.size += s.length
    if (this.size > 1 << 20) this.flush()
  }
  flush() {
    writeSync(this.fd, this.buf.join(''))
    this.buf = []
    this.size = 0
  }
  transfer(id, from, to, fen, ms, extra = '') {
    this.write(`${this.first ? '' : ',\n'}{"id":"${id}","from":"${from}","to":"${to}","amount":"${yuan(fen)}","time":"${iso(ms)}"${extra}}`)
    this.first = false
  }
  close() {
    this.write('\n]}\n')
    this.flush()
    closeSync(this.fd)
  }
}

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const victim = (id, account, transfers) => ({ id, name: `受害人${id}`, accounts: [account], transfers })
const asOf = (ms) => iso(ms)

/** A chain of `hops` transfers: the victim's money moves, whole, through `hops` accounts one after another. */
function chainCase(file, hops) {
  const w = new CaseWriter(file, { caseId: `EXT-CHAIN-${hops}`, asOf: asOf(T0 + (hops + 10) * 1000), accounts: [{ id: 'VA', holder: '受害人', kind: 'bank' }], victims: [victim('V1', 'VA', ['F0'])] })
  const pad = String(hops).length
  const acct = (i) => `C${String(i).padStart(pad, '0')}`
  w.transfer('F0', 'VA', acct(0), 100_000_000n, T0)
  for (let i = 1; i < hops; i++) w.transfer(`H${String(i).padStart(pad, '0')}`, acct(i - 1), acct(i), 100_000_000n, T0 + i * 1000)
  w.close()
  return { transfers: hops, fact: `the last account (${acct(hops - 1)}) is level ${hops} and holds all 1,000,000.00`, check: (report, bytes) => {
    if (report.accounts) {
      const last = report.accounts.find((a) => a.id === acct(hops - 1))
      return last?.level === hops && last.heldTotal === '1000000.00'
    }
    // from the bytes: the account entry of the last hop, as the CLI writes it (2-space JSON)
    const at = bytes.indexOf(`"id": "${acct(hops - 1)}",\n      "level": ${hops},`)
    if (at < 0) return false
    const window = bytes.toString('utf8', at, at + 2000)
    return /"heldTotal": "1000000\.00"/.test(window.slice(0, window.indexOf('\n    }')))
  } }
}

/** `n` transfers at one millisecond among 1,000 mules, ids in shuffled order: only the id order decides. */
function sameMsCase(file, n) {
  const r = rng(7)
  const mules = 1000
  const w = new CaseWriter(file, { caseId: `EXT-SAMEMS-${n}`, asOf: asOf(T0 + 1000), accounts: [{ id: 'VA', kind: 'bank' }, { id: 'ATM', kind: 'cash' }], victims: [victim('V1', 'VA', ['F-0000'])] })
  w.transfer('F-0000', 'VA', 'M0', 50_000_000n, T0)
  for (let i = 1; i < n; i++) {
    const a = Math.floor(r() * mules)
    let b = Math.floor(r() * (mules + 1))
    if (b === a) b = (b + 1) % mules
    const to = b === mules ? 'ATM' : `M${b}`
    // ids: a scrambled permutation, so file order, time order and id order all differ
    const id = `S${((i * 2654435761) % 4294967296).toString(36).padStart(7, '0')}-${i}`
    w.transfer(id, `M${a}`, to, BigInt(1 + Math.floor(r() * 5_000_000)), T0)
  }
  w.close()
  return { transfers: n, fact: 'every transfer is at one millisecond (order = id order)', check: () => true }
}

/** One hub account with `n` counterparties: 90% pay into it, 10% are paid from it, interleaved over 30 days. */
function hubCase(file, n) {
  const r = rng(11)
  const outs = Math.round(n / 10)
  const ins = n - outs
  const span = 30 * 86400e3
  const w = new CaseWriter(file, { caseId: `EXT-HUB-${n}`, asOf: asOf(T0 + span + 1000), accounts: [{ id: 'VA', kind: 'bank' }, { id: 'HUB', holder: '枢纽账户', kind: 'bank', openingBalance: '0.00' }], victims: [victim('V1', 'VA', ['F0'])] })
  w.transfer('F0', 'VA', 'HUB', 500_000_000n, T0)
  const pad = String(n).length
  let i = 0, o = 0
  for (let k = 1; k <= n; k++) {
    const at = T0 + Math.floor((k / n) * span)
    if (o < outs && (i >= ins || r() < outs / n)) {
      o++
      w.transfer(`O${String(o).padStart(pad, '0')}`, 'HUB', `Q${String(o).padStart(pad, '0')}`, BigInt(10_000 + Math.floor(r() * 2_000_000)), at)
    } else {
      i++
      w.transfer(`I${String(i).padStart(pad, '0')}`, `P${String(i).padStart(pad, '0')}`, 'HUB', BigInt(10_000 + Math.floor(r() * 300_000)), at)
    }
  }
  w.close()
  return { transfers: n + 1, fact: `HUB has ${n} counterparties (${ins} in, ${outs} out)`, check: () => true }
}

/** Amounts at the 10^15-minor-unit maximum: ten victims' 9,999,999,999,999.99 meet in one mule (sums past 2^53). */
function bigCase(file, n) {
  const r = rng(13)
  const MAX = 999_999_999_999_999n // 9,999,999,999,999.99 CNY = 10^15 - 1 fen
  const victims = Array.from({ length: 10 }, (_, v) => victim(`V${String(v + 1).padStart(2, '0')}`, `VA${v}`, [`F${v}`]))
  const accounts = [...victims.map((v) => ({ id: v.accounts[0], kind: 'bank' })), { id: 'ATM', kind: 'cash' }, { id: 'ABROAD', kind: 'external' }]
  const span = 10 * 86400e3
  const w = new CaseWriter(file, { caseId: `EXT-BIG-${n}`, asOf: asOf(T0 + span + 1000), accounts, victims })
  for (let v = 0; v < 10; v++) w.transfer(`F${v}`, `VA${v}`, 'M0', MAX - BigInt(v), T0 + v * 1000)
  const mules = 50, pop = 10_000
  const pad = String(n).length
  for (let k = 10; k < n; k++) {
    const at = T0 + 10_000 + Math.floor((k / n) * span)
    const u = r()
    let from, to
    if (u < 0.2) { from = `M${Math.floor(r() * mules)}`; to = r() < 0.1 ? (r() < 0.5 ? 'ATM' : 'ABROAD') : `M${Math.floor(r() * mules)}` }
    else if (u < 0.3) { from = `P${Math.floor(r() * pop)}`; to = `M${Math.floor(r() * mules)}` }
    else { from = `P${Math.floor(r() * pop)}`; to = `P${Math.floor(r() * pop)}` }
    if (from === to) continue
    const fen = r() < 0.5 ? MAX - BigInt(Math.floor(r() * 1e6)) : BigInt(Math.floor(r() * 1e15)) + 1n
    w.transfer(`B${String(k).padStart(pad, '0')}`, from, to, fen, at)
  }
  w.close()
  return { transfers: n, fact: 'loss 99,999,999,999,999.45 across ten victims (> 2^53 minor units)', check: (report) => {
    let loss = 0n
    for (const v of report.victims) loss += BigInt(v.loss.replace('.', ''))
    return loss === 10n * MAX - 45n
  } }
}

export const CASES = {
  chain: { make: chainCase, full: 1_000_000, quick: 50_000, label: 'hop chain' },
  'same-ms': { make: sameMsCase, full: 100_000, quick: 10_000, label: 'transfers at one ms' },
  hub: { make: hubCase, full: 1_000_000, quick: 50_000, label: 'counterparties of one account' },
  big: { make: bigCase, full: 1_000_000, quick: 50_000, label: 'transfers, amounts near 10^15, sums > 2^53' },
}

/** Runs the extremes; returns one result per case (CLI fifo end to end + in-process per method). */
export async function runExtremes({ quick = false, keep = false, only, reps = 1 } = {}) {
  mkdirSync(DATA, { recursive: true })
  const results = []
  for (const [name, spec] of Object.entries(CASES)) {
    if (only && !only.includes(name)) continue
    const size = quick ? spec.quick : spec.full
    const file = join(DATA, `x-${name}-${size}.json`)
    log(`extreme ${name} (${size.toLocaleString('en-US')})`)
    let t = performance.now()
    const info = spec.make(file, size)
    const generate = (performance.now() - t) / 1e3
    const row = { name, size, label: spec.label, file, transfers: info.transfers, fact: info.fact, generate }
    // end to end: the CLI, fifo
    const runs = []
    for (let i = 0; i < reps; i++) runs.push(await measure(process.execPath, [CLI, 'trace', file, '--method', 'fifo', '--quiet'], { keepStdout: i === 0 }))
    const first = runs[0]
    row.cli = { code: first.code, signal: first.signal, wall: median(runs.map((x) => x.wall)), maxRSS: Math.max(...runs.map((x) => x.maxRSS ?? 0)) || null, reportBytes: first.bytes, error: first.code === 0 ? undefined : failure(first) }
    if (first.code === 0) {
      try {
        const { report, bytes } = reportParts(first)
        row.cli.balanced = conservation(report).balanced
        row.cli.fact = info.check(report, bytes)
      } catch (error) {
        row.cli.error = `report not JSON: ${error.message}`
      }
    }
    // in-process: every method
    const inproc = await measure(process.execPath, ['--expose-gc', ...heapFlags(file), join(ROOT, 'bench', '_inproc.mjs'), '--file', file, '--reps', '1', '--dist', DIST], { keepStdout: true })
    row.inproc = lastJson(inproc.stdout) ?? {}
    if (inproc.code !== 0) row.inproc.error = failure(inproc)
    row.inproc.maxRSSChild = inproc.maxRSS
    if (!keep) removeCase(file)
    results.push(row)
  }
  return results
}

/** The extremes table. */
export function extremesTable(results) {
  const rows = [['extreme', 'transfers', 'CLI fifo total', 'peak RSS', 'report', 'trace fifo', 'lifo', 'pro_rata', 'victim_last', 'conserved', 'fact']]
  for (const r of results) {
    const m = r.inproc?.methods ?? {}
    const tr = (k) => (m[k]?.trace?.length ? `${sec(best(m[k].trace))} s` : '—')
    const balanced = [r.cli.balanced, ...Object.values(m).map((x) => x.balanced)].filter((x) => x !== undefined)
    rows.push([
      `${r.size.toLocaleString('en-US')} ${r.label}`, r.transfers.toLocaleString('en-US'),
      r.cli.code === 0 ? `${sec(r.cli.wall)} s` : /memory/.test(r.cli.error ?? '') ? `out of memory (${sec(r.cli.wall)} s)` : `failed (${r.cli.signal ?? `exit ${r.cli.code}`})`, mib(r.cli.maxRSS),
      r.cli.code === 0 ? `${(r.cli.reportBytes / 2 ** 20).toFixed(1)} MiB` : '—',
      tr('fifo'), tr('lifo'), tr('pro_rata'), tr('victim_last'),
      balanced.length && balanced.every(Boolean) ? 'yes' : balanced.length ? 'NO' : '—',
      r.cli.fact === undefined ? '—' : r.cli.fact ? 'ok' : 'WRONG',
    ])
  }
  return table(rows)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = parseArgs(process.argv.slice(2))
  const results = await runExtremes({ quick: Boolean(args.quick), keep: Boolean(args.keep), only: args.only ? String(args.only).split(',') : undefined })
  if (args.json) console.log(JSON.stringify(results))
  else {
    console.log(extremesTable(results))
    for (const r of results) {
      if (r.cli.error) console.log(`${r.name}: CLI: ${r.cli.error}`)
      if (r.inproc.error) console.log(`${r.name}: in-process: ${r.inproc.error}`)
      for (const [m, x] of Object.entries(r.inproc.methods ?? {})) if (x.reportError) console.log(`${r.name}: ${m} report: ${x.reportError}`)
    }
  }
}
