import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { LinkReport } from '../../src/link/index.js'
import { runCli } from './_run.js'

const time = (minute: number) => `2026-03-14T10:${String(minute).padStart(2, '0')}:00+08:00`

/** A case file: one victim account sending `fraud` transfers; `moves` are the mule-to-mule transfers the case's statements show. */
function caseFile(caseId: string, fraud: readonly [string, string, number][], moves: readonly [string, string, string, string, number][] = []) {
  const victimAccount = `62170000${caseId.replace(/\D/g, '').padStart(8, '0')}`
  return {
    format: 'fundtrace/case@1', caseId, caseType: 'telecom_fraud', currency: 'CNY', timezone: 'Asia/Shanghai',
    accounts: [{ id: '6222020200004321', holder: '李强', institution: 'ICBC', kind: 'bank' }],
    victims: [{ id: 'V1', name: '王芳', holderType: 'individual', accounts: [victimAccount], transfers: fraud.map(([id]) => id) }],
    transfers: [
      ...fraud.map(([id, to, minute]) => ({ id, from: victimAccount, to, amount: '1000.00', time: time(minute) })),
      ...moves.map(([id, from, to, amount, minute]) => ({ id, from, to, amount, time: time(minute) })),
    ],
  }
}

function writeCases(cases: readonly object[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'ft-link-'))
  return cases.map((c, i) => {
    const path = join(dir, `case-${i}.json`)
    writeFileSync(path, JSON.stringify(c))
    return path
  })
}

const MULE = '6222020200004321'
const NEXT = '6214830012340001'
// C-1 sends 1,000 to MULE at 10:00, C-2 1,000 at 10:05; MULE sends 1,500 to NEXT at 10:10 (in both files).
// fifo: NEXT gets C-1 1,000 + C-2 500; MULE keeps C-2 500.
const twoCases = () => writeCases([
  caseFile('C-2', [['G1', MULE, 5]], [['X1', MULE, NEXT, '1500.00', 10]]),
  caseFile('C-1', [['F1', MULE, 0]], [['X1', MULE, NEXT, '1500.00', 10]]),
])

describe('fundtrace link --format md | html (built binary)', () => {
  it('md: the cross-case ranking first, then each case with its sheet and its own actions, then the joint actions', () => {
    const { code, stdout, stderr } = runCli(['link', ...twoCases(), '--format', 'md'])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const sections = stdout.split('\n').filter((l) => l.startsWith('## '))
    expect(sections).toEqual(['## Accounts across cases (2): by money held, then number of cases', '## Case C-1', '## Case C-2', '## Joint actions (2), funded first'])
    expect(stdout).toContain(`| 1 | ${NEXT} | 2 | 2 | 2 | 1,500.00 | C-1 1,000.00; C-2 500.00 |`)
    expect(stdout).toContain(`| 2 | ${MULE} | 1 | 2 | 2 | 500.00 | C-2 500.00 |`)
    const c1 = stdout.slice(stdout.indexOf('## Case C-1'), stdout.indexOf('## Case C-2'))
    expect(c1).toContain('| C-1/V1 王芳 | 1,000.00 | 1,000.00 | 0.00 | 0.00 | 0.00 | below_threshold |')
    expect(c1).toContain(`| 1 | 1 | stop_payment | ${NEXT} | long_term | 1,000.00 | 2 | yes |`)
    expect(c1).toContain(`| 2 | 2 | stop_payment | ${MULE} | long_term | 1,000.00 | 1 | no |`)
  })

  it('md --mask shows no account number or name', () => {
    const { code, stdout } = runCli(['link', ...twoCases(), '--format', 'md', '--mask'])
    expect(code).toBe(0)
    for (const secret of [MULE, NEXT, '李强', '王芳']) expect(stdout).not.toContain(secret)
    expect(stdout).toContain('6222 **** **** 4321')
  })

  it('html: one self-contained page, to --out, with the cross-case ranking and one section per case', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ft-link-out-')), 'link.html')
    const { code, stdout, stderr } = runCli(['link', ...twoCases(), '--format', 'html', '--out', out])
    expect([code, stdout, stderr]).toEqual([0, '', ''])
    const html = readFileSync(out, 'utf8')
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(html).toContain("default-src 'none'")
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//)
    expect(html.match(/<section class="case" data-case-id=/g)).toHaveLength(2)
    expect(html).toContain(`<tr data-account="${NEXT}" data-level="2" data-cases="2">`)
  })

  it('refuses an unknown format with exit 2 and nothing on stdout', () => {
    expect(runCli(['link', ...twoCases(), '--format', 'svg'])).toMatchObject({ code: 2, stdout: '' })
  })

  it('names the first unreadable case file in the order given, whatever order the reads finish in', () => {
    const good = twoCases()
    const [broken, missing] = writeCases([{ format: 'fundtrace/case@1' }, {}])
    const missingPath = `${missing}.gone`
    const first = runCli(['link', ...good, missingPath, ...good, broken!])
    expect(first.code).toBe(2)
    expect(first.stdout).toBe('')
    expect(first.stderr).toContain(missingPath)
    expect(first.stderr).not.toContain('"caseId"')
    const second = runCli(['link', ...good, broken!, missingPath])
    expect(second.code).toBe(2)
    expect(second.stderr).not.toContain(missingPath)
    expect(second.stderr).toContain(`${broken!}: missing required field "caseId"`)
  })
})

describe('fundtrace link with many cases (built binary)', () => {
  it('300 cases sharing 12 mules: JSON written in chunks parses, with every case, and shares summing to the joint actions', () => {
    const mules = Array.from({ length: 12 }, (_, i) => `62220202${String(i).padStart(8, '0')}`)
    const cases = Array.from({ length: 300 }, (_, c) => caseFile(`K-${c}`,
      [[`F${c}a`, mules[c % 12]!, c % 50], [`F${c}b`, mules[(c * 7 + 3) % 12]!, (c + 17) % 50]],
      [[`X${c % 40}`, mules[c % 12]!, mules[(c + 1) % 12]!, '300.00', 55], [`Y${c}`, mules[(c * 5) % 12]!, `cash${c % 3}`, '200.00', 58]]))
    const out = join(mkdtempSync(join(tmpdir(), 'ft-link-many-')), 'link.json')
    const { code, stderr } = runCli(['link', ...writeCases(cases), '--method', 'fifo', '--out', out])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const report = JSON.parse(readFileSync(out, 'utf8')) as LinkReport
    expect(report.format).toBe('fundtrace/link-report@1')
    expect(report.cases).toHaveLength(300)
    expect(report.joint.victims).toHaveLength(300)
    expect(report.cases.every((c) => c.victims.length === 1 && c.actions.length > 0)).toBe(true)
    expect(report.crossCase.filter((a) => mules.includes(a.account))).toHaveLength(12)
    const fen = (s: string) => BigInt(s.replace('.', ''))
    for (const j of report.joint.actions) {
      const shares = report.cases.flatMap((c) => c.actions).filter((a) => a.jointRank === j.rank && a.funded === j.funded)
      expect(shares.reduce((s, a) => s + fen(a.amount), 0n)).toBe(fen(j.amount))
    }
  }, 30_000)
})
