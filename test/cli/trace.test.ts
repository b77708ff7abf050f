import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Report } from '../../src/report/types.js'
import { ROOT, runCli } from './_run.js'

const DEMO = 'examples/demo-case.json'
const demoText = readFileSync(`${ROOT}${DEMO}`, 'utf8')

describe('fundtrace trace (built binary)', () => {
  it('prints a fundtrace/report@1 for the demo with the hand-checked balance sheets', () => {
    const { code, stdout, stderr } = runCli(['trace', DEMO, '--method', 'fifo'])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const report = JSON.parse(stdout) as Report
    expect(report.format).toBe('fundtrace/report@1')
    expect(report.victims).toEqual([
      { id: 'V1', name: '王芳', loss: '80000.00', held: '41820.00', exited: '38180.00', returned: '0.00', beyond: '0.00', severity: 'huge' },
      { id: 'V2', name: '刘洋', loss: '120000.00', held: '120000.00', exited: '0.00', returned: '0.00', beyond: '0.00', severity: 'huge' },
    ])
    expect(report.actions[0]).toMatchObject({ rank: 1, kind: 'stop_payment', account: '6222020200004321', hold: 'long_term', amount: '46520.00', level: 1 })
    expect(report.actions.map((a) => a.kind)).toEqual(expect.arrayContaining(['escalate_platform', 'delay_credit', 'reverse_transaction']))
  })

  it('the demo report is pinned byte for byte (golden file)', async () => {
    const { stdout } = runCli(['trace', DEMO, '--method', 'fifo', '--evidence', '--flows'])
    await expect(stdout).toMatchFileSnapshot('./__snapshots__/demo-report.fifo.json')
  })

  it('reads the case from stdin with -, giving the same bytes as the file', () => {
    const fromFile = runCli(['trace', DEMO, '--method', 'pro_rata'])
    const fromStdin = runCli(['trace', '-', '--method', 'pro_rata'], demoText)
    expect(fromStdin.code).toBe(0)
    expect(fromStdin.stdout).toBe(fromFile.stdout)
  })

  it('reads NDJSON from stdin with --input-format ndjson, same report as JSON', () => {
    const c = JSON.parse(demoText) as Record<string, unknown> & { transfers: unknown[] }
    const { transfers, ...header } = c
    const ndjson = [JSON.stringify(header), ...transfers.map((t) => JSON.stringify(t))].join('\n')
    const a = runCli(['trace', '-', '--input-format', 'ndjson'], ndjson)
    expect(a.code).toBe(0)
    expect(a.stdout).toBe(runCli(['trace', DEMO]).stdout)
  })

  it('bad input: every issue on stderr, exit 2, nothing on stdout', () => {
    const bad = JSON.parse(demoText) as { transfers: Record<string, unknown>[]; victims: { transfers: string[] }[] }
    bad.transfers[1]!.amount = '12.345'
    bad.transfers[2]!.to = bad.transfers[2]!.from
    bad.victims[0]!.transfers.push('NOPE')
    const { code, stdout, stderr } = runCli(['trace', '-'], JSON.stringify(bad))
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toContain('amount_precision')
    expect(stderr).toContain('self_transfer')
    expect(stderr).toContain('unknown_transfer')
  })

  it('invalid JSON and unknown options exit 2 with nothing on stdout', () => {
    const a = runCli(['trace', '-'], '{"format": ')
    expect([a.code, a.stdout]).toEqual([2, ''])
    expect(a.stderr).toContain('invalid_json')
    const b = runCli(['trace', DEMO, '--method', 'random'])
    expect([b.code, b.stdout]).toEqual([2, ''])
    expect(b.stderr).toContain('--method must be one of')
    const c = runCli(['trace', DEMO, '--frobnicate'])
    expect([c.code, c.stdout]).toEqual([2, ''])
    const d = runCli(['trace', 'does/not/exist.json'])
    expect([d.code, d.stdout]).toEqual([2, ''])
    expect(d.stderr).toContain('io_error')
  })

  it('a trade dispute is refused as out of scope', () => {
    const { code, stdout, stderr } = runCli(['trace', '-'], demoText.replace('"telecom_fraud"', '"trade_dispute"'))
    expect([code, stdout]).toEqual([2, ''])
    expect(stderr).toContain('out_of_scope')
  })

  it('telecom vs online-banking theft: unfunded stops are 5-day vs long-term', () => {
    const variant = JSON.parse(demoText) as { transfers: unknown[] }
    variant.transfers.push({ id: 'T14', from: '6217999900003333', to: 'CASH-CMB-ATM', amount: '2000.00', time: '2026-03-14T13:00:00+08:00', channel: 'atm' })
    const withUnfunded = JSON.stringify(variant)
    const telecom = JSON.parse(runCli(['trace', '-'], withUnfunded).stdout) as Report
    const theft = JSON.parse(runCli(['trace', '-'], withUnfunded.replace('"telecom_fraud"', '"online_banking_theft"')).stdout) as Report
    const unfunded = (r: Report) => r.actions.filter((a) => !a.funded).map((a) => [a.account, a.hold])
    expect(unfunded(telecom)).toEqual([['6217999900003333', '5d']])
    expect(unfunded(telecom).every(([, h]) => h === '5d')).toBe(true)
    expect(unfunded(theft).map(([a]) => a)).toEqual(unfunded(telecom).map(([a]) => a))
    expect(unfunded(theft).every(([, h]) => h === 'long_term')).toBe(true)
  })

  it('--method all carries the side-by-side methods block and robust ranking', () => {
    const { code, stdout } = runCli(['trace', DEMO, '--method', 'all'])
    expect(code).toBe(0)
    const report = JSON.parse(stdout) as Report
    expect(report.method).toBe('all')
    expect(report.methods!.compared).toEqual(['fifo', 'lifo', 'pro_rata', 'victim_last'])
    for (const a of report.actions.filter((x) => x.funded)) expect(['robust', 'method_dependent']).toContain(a.robustness)
  })

  it('--help and --version exit 0 on stdout; no command exits 2', () => {
    expect(runCli(['trace', '--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: fundtrace trace') })
    expect(runCli(['--version'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+/) })
    expect(runCli([])).toMatchObject({ code: 2, stdout: '' })
    expect(runCli(['nope'])).toMatchObject({ code: 2, stdout: '' })
  })
})

describe('resource limits from the shell', () => {
  it('--max-transfers and --max-file-bytes refuse with limit_exceeded', () => {
    const a = runCli(['trace', DEMO, '--max-transfers', '5'])
    expect([a.code, a.stdout]).toEqual([2, ''])
    expect(a.stderr).toContain('limit_exceeded')
    const b = runCli(['trace', DEMO, '--max-file-bytes', '1000'])
    expect([b.code, b.stdout]).toEqual([2, ''])
    expect(b.stderr).toContain('limit_exceeded')
  })
})
