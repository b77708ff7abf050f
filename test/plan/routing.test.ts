import { parse as parseCsv } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import type { Case } from '../../src/case/types.js'
import { caseMetaFromCase, routingPackets, type CaseMeta } from '../../src/plan/routing.js'
import { ATTACHMENT1_COLUMNS, ATTACHMENT2_COLUMNS, ATTACHMENT3_COLUMNS, packetCsv, packetMarkdown } from '../../src/plan/routing-export.js'
import { STOP_REMARK } from '../../src/plan/policy.js'
import { makeReport } from './_fixtures.js'

const report = () => makeReport({
  victims: [
    { id: 'V1', name: '王芳', loss: '50000.00' },
    { id: 'V2', name: '李强', loss: '1500.00' },
  ],
  accounts: [
    { id: 'A1', levels: { V1: 1 }, institution: 'ICBC', branch: '历下支行', holder: '张三', received: { V1: '50000.00' }, held: { V1: '12000.00' } },
    { id: 'A2', levels: { V1: 2, V2: 1 }, institution: 'ICBC', branch: '历下支行', holder: '=HYPERLINK("x")', received: { V1: '8000.00', V2: '1500.00' }, held: {} },
    { id: 'A3', levels: { V1: 2 }, institution: 'ICBC', branch: '高新支行', holder: 'A|B', received: { V1: '2000.00' }, held: { V1: '2000.00' } },
    { id: 'A4', levels: { V1: 2 }, institution: 'BOC', branch: '济南分行营业部', received: { V1: '3000.00' }, held: { V1: '3000.00' } },
    { id: 'A5', levels: { V1: 3 }, received: { V1: '1000.00' }, held: {} },
    { id: 'A6', levels: { V1: 3 }, branch: 'ignored without institution', received: { V1: '500.00' }, held: { V1: '500.00' } },
    { id: 'A7', levels: { V1: 2 }, institution: 'CCB', received: { V1: '100.00' } },
    { id: 'ALIPAY', levels: { V1: 2 }, kind: 'payment_platform', institution: 'Alipay', received: { V1: '700.00' }, held: { V1: '700.00' } },
    { id: 'ATM', levels: { V1: 3 }, kind: 'cash', received: { V1: '900.00' } },
  ],
  actions: [
    { account: 'A1', hold: 'long_term', amount: '12000.00', funded: true },
    { account: 'A4', hold: 'long_term', amount: '3000.00', funded: true },
    { account: 'A3', hold: 'long_term', amount: '2000.00', funded: true },
    { account: 'ALIPAY', kind: 'escalate_platform', amount: '700.00', funded: true },
    { account: 'A6', hold: 'long_term', amount: '500.00', funded: true },
    { account: 'A2', hold: '5d', amount: '0.00' },
    { account: 'A5', hold: '5d', amount: '0.00' },
  ],
})

const meta: CaseMeta = {
  reportedAt: '2026-03-14T16:10:00+08:00',
  victims: { V1: { name: '王芳', times: ['2026-03-14T10:02:11+08:00', '2026-03-14T10:30:00+08:00'] }, V2: { name: '李强', times: ['2026-03-14T11:00:00+08:00'] } },
  requester: { institution: 'BOC', branch: '济南分行营业部' },
}

describe('routing packets', () => {
  it('routing: involved bank accounts are grouped by opening institution and branch, unknown institution as one group, last', () => {
    const packets = routingPackets(report(), meta)
    expect(packets.map((p) => [p.institution, p.branch, p.accounts])).toEqual([
      ['BOC', '济南分行营业部', ['A4']],
      ['CCB', null, ['A7']],
      ['ICBC', '历下支行', ['A1', 'A2']],
      ['ICBC', '高新支行', ['A3']],
      [null, null, ['A5', 'A6']],
    ])
  })

  it('routing: payment platforms (escalated) and cash sinks are not routed to branches', () => {
    const all = routingPackets(report(), meta).flatMap((p) => p.accounts)
    expect(all).not.toContain('ALIPAY')
    expect(all).not.toContain('ATM')
  })

  it('routing: accounts at the requesting institution form an internal packet; every packet copies security and retail', () => {
    const packets = routingPackets(report(), meta)
    expect(packets.map((p) => p.internal)).toEqual([true, false, false, false, false])
    expect(packets[0]!.copyTo.join(' ')).toMatch(/security.*retail/)
  })

  it('routing: unknown institution or branch gets a note', () => {
    const packets = routingPackets(report(), meta)
    expect(packets[4]!.notes[0]).toMatch(/opening institution unknown/)
    expect(packets[1]!.notes[0]).toMatch(/opening branch at CCB unknown/)
    expect(packets[2]!.notes).toEqual([])
  })

  it('routing: Attachment 1 carries the case and the victims whose money reached the packet, with times, losses and severity', () => {
    const p = routingPackets(report(), meta)[2]!
    expect(p.attachment1).toEqual({
      caseId: 'JN-2026-0314-017', caseType: 'telecom_fraud', reportedAt: '2026-03-14T16:10:00+08:00', currency: 'CNY', severity: 'huge',
      victims: [
        { id: 'V1', name: '王芳', times: ['2026-03-14T10:02:11+08:00', '2026-03-14T10:30:00+08:00'], loss: '50000.00', severity: 'huge' },
        { id: 'V2', name: '李强', times: ['2026-03-14T11:00:00+08:00'], loss: '1500.00', severity: 'below_threshold' },
      ],
    })
    expect(routingPackets(report(), meta)[3]!.attachment1.victims.map((v) => v.id)).toEqual(['V1'])
  })

  it('routing: Attachment 2 has one row per stop payment with account, holder, amount, hold and remark', () => {
    const p = routingPackets(report(), meta)[2]!
    expect(p.attachment2).toEqual([
      { account: 'A1', holder: '张三', amount: '12000.00', hold: 'long_term', remark: STOP_REMARK },
      { account: 'A2', holder: '=HYPERLINK("x")', amount: '0.00', hold: '5d', remark: STOP_REMARK },
    ])
    expect(routingPackets(report(), meta)[1]!.attachment2).toEqual([]) // A7: no action
  })

  it('routing: Attachment 3 rows give account, holder, institution, branch, level, received, held and action', () => {
    const p = routingPackets(report(), meta)[2]!
    expect(p.attachment3).toEqual([
      { account: 'A1', holder: '张三', institution: 'ICBC', branch: '历下支行', level: 1, received: '50000.00', held: '12000.00', actions: [{ kind: 'stop_payment', hold: 'long_term' }] },
      { account: 'A2', holder: '=HYPERLINK("x")', institution: 'ICBC', branch: '历下支行', level: 1, received: '9500.00', held: '0.00', actions: [{ kind: 'stop_payment', hold: '5d' }] },
    ])
  })

  it('routing: online-banking theft uses victim-signed Attachments 4 and 5', () => {
    expect(routingPackets({ ...report(), caseType: 'online_banking_theft' }, meta)[0]!.victimForms).toEqual(['attachment_4', 'attachment_5'])
    expect(routingPackets(report(), meta)[0]!.victimForms).toEqual(['attachment_1', 'attachment_2'])
  })

  it('routing: trade disputes are out of scope', () => {
    expect(() => routingPackets({ ...report(), caseType: 'trade_dispute' }, meta)).toThrow(/trade disputes/)
  })

  it('routing: caseMetaFromCase takes names, holder types and transfer times from a parsed case', () => {
    const c: Case = {
      format: 'fundtrace/case@1', caseId: 'C', caseType: 'telecom_fraud', currency: 'CNY', timezone: 'Asia/Shanghai',
      reportedAt: Date.parse('2026-03-14T08:10:00Z'),
      accounts: [],
      victims: [{ id: 'V1', name: '王芳', holderType: 'organisation', accounts: ['a'], transfers: ['T2', 'T1'] }],
      transfers: [
        { id: 'T1', from: 'a', to: 'b', amount: 1n, time: Date.parse('2026-03-14T02:02:11Z'), status: 'posted' },
        { id: 'T2', from: 'a', to: 'b', amount: 1n, time: Date.parse('2026-03-14T03:00:00Z'), status: 'posted' },
      ],
    }
    expect(caseMetaFromCase(c, { institution: 'BOC' })).toEqual({
      reportedAt: '2026-03-14T16:10:00+08:00',
      victims: { V1: { name: '王芳', holderType: 'organisation', times: ['2026-03-14T10:02:11+08:00', '2026-03-14T11:00:00+08:00'] } },
      requester: { institution: 'BOC' },
    })
  })
})

describe('routing exports', () => {
  const packet = () => routingPackets(report(), meta)[2]!

  it('export: CSV is UTF-8 with BOM, CRLF, Chinese headers by default', () => {
    const csv = packetCsv(packet())
    expect(csv.attachment2.startsWith('\uFEFF账号,户名,止付金额,止付期限,备注\r\n')).toBe(true)
    expect(csv.attachment1.startsWith(`\uFEFF${ATTACHMENT1_COLUMNS.map((c) => c.zh).join(',')}\r\n`)).toBe(true)
    expect(csv.attachment3.startsWith(`\uFEFF${ATTACHMENT3_COLUMNS.map((c) => c.zh).join(',')}\r\n`)).toBe(true)
  })

  it('export: English headers and labels on request; rows parse back to the documented columns', () => {
    const csv = packetCsv(packet(), { language: 'en' })
    const rows = parseCsv(csv.attachment2, { bom: true, columns: true }) as Record<string, string>[]
    expect(Object.keys(rows[0]!)).toEqual(ATTACHMENT2_COLUMNS.map((c) => c.en))
    expect(rows[0]).toEqual({ account: 'A1', holder: '张三', amount: '12000.00', hold: 'long-term', remark: STOP_REMARK })
    const a1 = parseCsv(csv.attachment1, { bom: true, columns: true }) as Record<string, string>[]
    expect(a1[0]).toMatchObject({ 'case type': 'telecom/network fraud', 'victim name': '王芳', 'loss times': '2026-03-14T10:02:11+08:00; 2026-03-14T10:30:00+08:00', loss: '50000.00', severity: 'huge' })
    const a3 = parseCsv(csv.attachment3, { bom: true, columns: true }) as Record<string, string>[]
    expect(a3[1]).toMatchObject({ account: 'A2', level: '1', received: '9500.00', held: '0.00', action: 'stop payment (5 days)' })
  })

  it('export: Chinese labels for hold, severity and action', () => {
    const rows = parseCsv(packetCsv(packet()).attachment3, { bom: true, columns: true }) as Record<string, string>[]
    expect(rows[0]!['处置措施']).toBe('紧急止付(长期有效)')
    const a1 = parseCsv(packetCsv(packet()).attachment1, { bom: true, columns: true }) as Record<string, string>[]
    expect(a1[0]!['金额等级']).toBe('数额巨大')
  })

  it('export: CSV cells that a spreadsheet would run as formulas are defused (unless turned off)', () => {
    const rows = parseCsv(packetCsv(packet(), { language: 'en' }).attachment2, { bom: true, columns: true }) as Record<string, string>[]
    expect(rows[1]!.holder).toBe('\'=HYPERLINK("x")')
    const raw = parseCsv(packetCsv(packet(), { language: 'en', escapeFormulas: false }).attachment2, { bom: true, columns: true }) as Record<string, string>[]
    expect(raw[1]!.holder).toBe('=HYPERLINK("x")')
  })

  it('export: Markdown has the three attachments as tables with grouped amounts and escaped cells', () => {
    const md = packetMarkdown(routingPackets(report(), meta)[3]!, { language: 'en' })
    expect(md.split('\n')[0]).toBe('# Stop-payment request packet — ICBC 高新支行')
    expect(md).toContain('## Attachment 1 — case report form')
    expect(md).toContain('## Attachment 2 — temporary stop-payment request')
    expect(md).toContain('## Attachment 3 — involved-account report')
    expect(md).toContain('| A3 | A\\|B | ICBC | 高新支行 | 2 | 2,000.00 | 2,000.00 | stop payment (long-term) |')
    expect(md).toContain('| V1 | 王芳 |')
    const zh = packetMarkdown(packet())
    expect(zh).toContain('附件1 电信、网络诈骗案件情况报告表')
    expect(zh).toContain('| A1 | 张三 | 12,000.00 | 长期有效 |')
  })
})
