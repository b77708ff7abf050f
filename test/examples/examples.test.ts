/**
 * The notebook-style scripts in examples/ run as documented (`npx tsx examples/<name>.ts`) and
 * still print what docs/recipes.md quotes. Each runs in a fresh temporary directory, so the files
 * it writes (out/…) land there and not in the repository.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
const dirs: string[] = []

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
  readonly cwd: string
}

/** Runs `node --import tsx examples/<name>.ts [...args]` in a fresh directory. */
function runExample(name: string, args: readonly string[] = []): Promise<Run> {
  const cwd = mkdtempSync(join(tmpdir(), `fundtrace-example-${name}-`))
  dirs.push(cwd)
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', TSX, join(ROOT, 'examples', `${name}.ts`), ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 24, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
      resolve({ code, stdout, stderr, cwd })
    })
  })
}

function ok(run: Run): void {
  expect(run.stderr, run.stderr).toBe('')
  expect(run.code).toBe(0)
}

describe.concurrent('examples', { timeout: 120_000 }, () => {
  it('trace-a-case: balance sheets that balance, actions, evidence', async () => {
    const run = await runExample('trace-a-case')
    ok(run)
    expect(run.stdout).toContain('V1 王芳: loss 80,000.00 = held 41,820.00 + exited 38,180.00 + returned 0.00 + beyond 0.00  ✓')
    expect(run.stdout).not.toContain('✗')
    expect(run.stdout).toMatch(/#1 stop_payment\s+6222020200004321\s+long_term\s+46520\.00\s+level 1/)
    expect(run.stdout).toContain('T09  6222600110002222 → 6230520000004444')
  })

  it('compare-methods: the four methods side by side for one account', async () => {
    const run = await runExample('compare-methods')
    ok(run)
    expect(run.stdout).toMatch(/^total\s+15,300\.00\s+10,000\.00\s+13,933\.61\s+15,300\.00\s+10,000\.00\s+15,300\.00$/m)
    expect(run.stdout).toContain('Undisputed (every method agrees): 10,000.00')
  })

  it('compare-methods: an account named on the command line', async () => {
    const run = await runExample('compare-methods', ['6222020200004321'])
    ok(run)
    expect(run.stdout).toMatch(/^V1\s+0\.00\s+45,000\.00\s+13,561\.11\s+0\.00\s+0\.00\s+45,000\.00$/m)
  })

  it('draw-the-chart: DOT, Mermaid, SVG and HTML in out/', async () => {
    const run = await runExample('draw-the-chart')
    ok(run)
    expect(run.stdout).toMatch(/^wrote out\/demo\.svg \(\d+ KiB\)$/m)
    expect(run.stdout).toMatch(/^wrote out\/demo\.html \(\d+ KiB\)$/m)
    const svg = readFileSync(join(run.cwd, 'out', 'demo.svg'), 'utf8')
    expect(svg).toContain('<svg')
    expect(svg).toContain('6222020200004321')
    expect(readFileSync(join(run.cwd, 'out', 'demo.dot'), 'utf8')).toMatch(/^digraph fundtrace \{/)
    expect(readFileSync(join(run.cwd, 'out', 'demo-V2-masked.dot'), 'utf8')).not.toContain('6222020200004321')
    expect(readFileSync(join(run.cwd, 'out', 'demo.html'), 'utf8')).toContain('<svg')
  })

  it('export-for-a-bank: three attachments per opening branch in out/forms/', async () => {
    const run = await runExample('export-for-a-bank')
    ok(run)
    expect(run.stdout).toContain('packet 06-ICBC-济南历下支行: 1 account(s); stops: 6222020200004321 46520.00 long_term')
    expect(run.stdout).toContain('wrote 28 files to out/forms/')
    const forms = join(run.cwd, 'out', 'forms')
    expect(readdirSync(forms)).toHaveLength(28)
    const attachment2 = readFileSync(join(forms, '06-ICBC-济南历下支行-attachment2.csv'), 'utf8')
    expect(attachment2.startsWith('\uFEFF账号,户名,止付金额,止付期限,备注\r\n')).toBe(true)
    expect(attachment2).toContain('6222020200004321,李强,46520.00,长期有效,')
  })

  it('link-cases: the joint case, the shared mule ranked first', async () => {
    const run = await runExample('link-cases')
    ok(run)
    expect(run.stdout).toContain('joint case: JN-2026-0314-017/V1, JN-2026-0314-017/V2, JN-2026-0314-020/V1; 15 transfers')
    expect(run.stdout).toMatch(/^\* 6222020200004321\s+level 1\s+held\s+55520\.00\s+\(JN-2026-0314-017 46520\.00; JN-2026-0314-020 9000\.00\)$/m)
  })

  it('walk-the-graph: graphology-traversal over the involved subgraph', async () => {
    const run = await runExample('walk-the-graph')
    ok(run)
    expect(run.stdout).toContain('involved subgraph: 13 accounts, 12 transfers (the case has 14)')
    expect(run.stdout).toContain('        6222081234500005  level 4  bank  held 39,200.00')
    expect(run.stdout).toContain('  T07  6214830012340001 → CASH-CMB-ATM  13,180.00 of 20,000.00')
  })

  it('investigate-step-by-step: ends where a trace of the full case is', async () => {
    const run = await runExample('investigate-step-by-step')
    ok(run)
    expect(run.stdout).toContain('+ #1 stop_payment 6222020200004321 (long_term) 170000.00')
    expect(run.stdout).toContain('= stop_payment 6222020200004321: 170000.00 → 46520.00')
    expect(run.stdout).toContain('Done after 9 statements: 10 actions, 0 statements still to pull')
    expect(run.stdout).toContain('actions match a trace of the full case: yes')
    expect(existsSync(join(run.cwd, 'out'))).toBe(false)
  })
})
