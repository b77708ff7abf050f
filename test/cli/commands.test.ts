import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { encodeGbk } from '../io/statements/_gbk.js'
import { runCli } from './_run.js'

const DEMO = 'examples/demo-case.json'
const demo = JSON.parse(readFileSync(new URL('../../examples/demo-case.json', import.meta.url), 'utf8')) as { caseId: string; transfers: { id: string; from: string; to: string }[]; victims: { transfers: string[] }[]; accounts: Record<string, unknown>[] }

describe('fundtrace plan (built binary)', () => {
  it('json: every action says who executes it, from the perspective of the responding bank', () => {
    const { code, stdout } = runCli(['plan', DEMO, '--perspective', 'ICBC'])
    expect(code).toBe(0)
    const plan = JSON.parse(stdout) as { actions: { account: string; executor: { by: string } }[]; packets: { institution: string }[]; victimNotices: { accounts: { account: string }[] }[] }
    const by = Object.fromEntries(plan.actions.map((a) => [a.account, a.executor.by]))
    expect(by['6222020200004321']).toBe('self')
    expect(by['6227001234567890']).toBe('opening_branch')
    expect(by['ALIPAY-2088102233445566']).toBe('anti_fraud_centre')
    expect(plan.packets.map((p) => p.institution)).toContain('CMB')
  })

  it('csv: one UTF-8-with-BOM file per packet and attachment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ft-plan-'))
    const { code } = runCli(['plan', DEMO, '--perspective', 'BOC', '--format', 'csv', '--out', dir])
    expect(code).toBe(0)
    const files = readdirSync(dir).sort()
    expect(files.length % 3).toBe(0)
    expect(files.some((f) => f.includes('CMB') && f.endsWith('attachment2.csv'))).toBe(true)
    const text = readFileSync(join(dir, files.find((f) => f.includes('CMB') && f.endsWith('attachment2.csv'))!), 'utf8')
    expect(text.startsWith('\uFEFF')).toBe(true)
    expect(text).toContain('6214830012340001')
  })

  it('csv without --out is a usage error; missing --perspective too', () => {
    expect(runCli(['plan', DEMO, '--perspective', 'BOC', '--format', 'csv'])).toMatchObject({ code: 2, stdout: '' })
    expect(runCli(['plan', DEMO])).toMatchObject({ code: 2, stdout: '' })
  })
})

describe('fundtrace link (built binary)', () => {
  it('links two cases sharing a mule and ranks the shared account first', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ft-link-'))
    const second = { ...demo, caseId: 'JN-2026-0314-020', victims: [{ id: 'V1', holderType: 'individual', accounts: ['6200000000009999'], transfers: ['S1'] }],
      transfers: [{ id: 'S1', from: '6200000000009999', to: '6222020200004321', amount: '9000.00', time: '2026-03-14T10:35:00+08:00' }], accounts: [] }
    writeFileSync(join(dir, 'b.json'), JSON.stringify(second))
    const { code, stdout, stderr } = runCli(['link', DEMO, join(dir, 'b.json')])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const report = JSON.parse(stdout) as { crossCase: { account: string; cases: string[] }[]; joint: { victims: { id: string }[] } }
    expect(report.joint.victims.map((v) => v.id)).toEqual(['JN-2026-0314-017/V1', 'JN-2026-0314-017/V2', 'JN-2026-0314-020/V1'])
    expect(report.crossCase[0]).toMatchObject({ account: '6222020200004321', cases: ['JN-2026-0314-017', 'JN-2026-0314-020'] })
  })
})

describe('fundtrace investigate (built binary)', () => {
  it('init, add a GBK police feedback statement, next, status', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ft-inv-'))
    const fraud = new Set(demo.victims.flatMap((v) => v.transfers))
    const victimAccounts = ['6217000010001234', '6228480012345678']
    const accounts = demo.accounts.map(({ statementThrough, ...a }) => (victimAccounts.includes(a.id as string) ? { ...a, statementThrough } : a))
    const start = { ...demo, accounts, transfers: demo.transfers.filter((t) => fraud.has(t.id)) }
    writeFileSync(join(dir, 'start.json'), JSON.stringify(start))
    const init = runCli(['investigate', 'init', join(dir, 'case'), '--case', join(dir, 'start.json')])
    expect(init.code).toBe(0)
    expect((JSON.parse(init.stdout) as { newActions: { account: string }[] }).newActions.map((a) => a.account)).toContain('6222020200004321')
    const statement = [
      '交易卡号,账户开户名称,交易时间,交易金额,交易余额,收付标志,交易对手账卡号,交易对手户名,交易对手账号开户行,摘要说明,交易流水号',
      '6222020200004321,李强,2026-03-14 10:02:11,50000.00,51520.00,进,6217000010001234,王芳,中国银行济南分行营业部,网银转账,BOC20260314100211883',
      '6222020200004321,李强,2026-03-14 10:30:05,120000.00,171520.00,进,6228480012345678,刘洋,农业银行济南历城支行,网银转账,ABC20260314103005447',
      '6222020200004321,李强,2026-03-14 10:40:00,60000.00,111520.00,出,6214830012340001,陈明,招商银行深圳福田支行,手机银行转账,ICBC20260314104000201',
    ].join('\r\n')
    writeFileSync(join(dir, 'l1.csv'), encodeGbk(statement))
    const add = runCli(['investigate', 'add-statement', join(dir, 'case'), join(dir, 'l1.csv'), '--account', '6222020200004321', '--through', '2026-03-14T18:00:00+08:00'])
    expect(add.stderr).toBe('')
    expect(add.code).toBe(0)
    const changes = JSON.parse(add.stdout) as { newActions: { account: string; amount: string }[]; newQueries: { account: string }[] }
    expect(changes.newActions.map((a) => [a.account, a.amount])).toContainEqual(['6214830012340001', '58480.00'])
    expect(changes.newQueries.map((q) => q.account)).toContain('6214830012340001')
    const next = JSON.parse(runCli(['investigate', 'next', join(dir, 'case')]).stdout) as { account: string }[]
    expect(next.map((q) => q.account)).not.toContain('6222020200004321')
    expect(runCli(['investigate', 'status', join(dir, 'case')]).stdout).toContain('111,520.00')
  })

  it('a statement with a bad row is refused whole unless --lenient, which keeps the good rows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ft-inv-'))
    const fraud = new Set(demo.victims.flatMap((v) => v.transfers))
    writeFileSync(join(dir, 'start.json'), JSON.stringify({ ...demo, transfers: demo.transfers.filter((t) => fraud.has(t.id)) }))
    runCli(['investigate', 'init', join(dir, 'case'), '--case', join(dir, 'start.json')])
    writeFileSync(join(dir, 'bad.csv'), [
      '交易卡号,交易时间,交易金额,收付标志,交易对手账卡号,交易流水号',
      '6222020200004321,2026-03-14 10:40:00,60000.00,出,6214830012340001,ICBC20260314104000201',
      '6222020200004321,not a time,100.00,出,6214830012340002,ICBC2',
    ].join('\n'))
    const args = ['investigate', 'add-statement', join(dir, 'case'), join(dir, 'bad.csv'), '--account', '6222020200004321', '--through', '2026-03-14T18:00:00+08:00']
    const strict = runCli(args)
    expect([strict.code, strict.stdout]).toEqual([2, ''])
    expect(strict.stderr).toContain('row 3')
    const lenient = runCli([...args, '--lenient'])
    expect(lenient.code).toBe(0)
    expect(lenient.stderr).toContain('row 3')
    expect(lenient.stdout).toContain('6214830012340001')
  })
})

describe('--policy overrides the playbook from the shell', () => {
  it('a minimum action amount drops the small actions; a bad policy is refused with its path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ft-policy-'))
    writeFileSync(join(dir, 'policy.json'), JSON.stringify({ minActionAmount: '10000', remark: '测试备注' }))
    const r = runCli(['trace', DEMO, '--policy', join(dir, 'policy.json')])
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout) as { actions: { amount: string; remark?: string }[] }
    expect(report.actions.length).toBeGreaterThan(0)
    expect(report.actions.every((a) => Number(a.amount) >= 10000)).toBe(true)
    expect(report.actions.filter((a) => a.remark !== undefined).every((a) => a.remark === '测试备注')).toBe(true)
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ holds: { telecom_fraud: { funded: 'forever' } } }))
    const bad = runCli(['plan', DEMO, '--perspective', 'BOC', '--policy', join(dir, 'bad.json')])
    expect([bad.code, bad.stdout]).toEqual([2, ''])
    expect(bad.stderr).toContain('policy')
  })
})
