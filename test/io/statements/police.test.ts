import { describe, expect, it } from 'vitest'
import { FundtraceError } from '../../../src/errors/index.js'
import { importPoliceFeedback } from '../../../src/io/statements/index.js'
import { csv, fixture, sh } from './_helpers.js'

const MULE = '6222020200004321'
const VICTIM = '6217000010001234'

describe('importPoliceFeedback — worked example (fixtures/statements/police-mule.csv)', () => {
  const stmt = importPoliceFeedback(fixture('police-mule.csv'))

  it('reads every movement of the mule account, hand-checked', () => {
    expect(stmt.rows).toBe(4)
    expect(stmt.invalid).toEqual([])
    expect(stmt.transfers).toEqual([
      { id: 'BOC20260314100211883', from: VICTIM, to: MULE, amount: 5_000_000n, time: sh('2026-03-14 10:02:11'), status: 'posted', channel: 'online_banking', serial: 'BOC20260314100211883' },
      { id: 'ICBC0314103005001', from: MULE, to: '6228480012345678', amount: 1_900_000n, time: sh('2026-03-14 10:30:05'), status: 'posted', channel: 'mobile', serial: 'ICBC0314103005001' },
      { id: 'ICBC0314113000003', from: MULE, to: '215500690', amount: 1_200_000n, time: sh('2026-03-14 11:30:00'), status: 'posted', channel: 'third_party', serial: 'ICBC0314113000003' },
    ])
    expect(sh('2026-03-14 10:02:11')).toBe(1773453731000)
  })

  it('skips the ATM withdrawal (no counterparty) and reports it; rows always add up', () => {
    expect(stmt.skipped).toEqual([{ row: 4, reason: 'cash', column: '交易对手账卡号', message: expect.stringContaining('200.00') }])
    expect(stmt.rows).toBe(stmt.transfers.length + stmt.invalid.length + stmt.skipped.length)
  })

  it('infers the opening balance 120.00 = 50,120.00 − 50,000.00 and finds no gap (the ATM row counts)', () => {
    expect(stmt.openingBalance).toBe(12_000n)
    expect(stmt.openingBalances).toEqual({ [MULE]: 12_000n })
    expect(stmt.warnings).toEqual([])
  })

  it('keeps the balance, row, IP and MAC per transfer', () => {
    expect(stmt.lines.map((l) => [l.row, l.direction, l.balance])).toEqual([[2, 'in', 5_012_000n], [3, 'out', 3_112_000n], [5, 'out', 1_892_000n]])
    expect(stmt.lines[1]).toMatchObject({ transfer: 'ICBC0314103005001', account: MULE, counterparty: '6228480012345678', ip: '10.20.30.40', mac: '00-1A-2B-3C-4D-5E', branch: '工行济南历下支行' })
  })

  it('returns counterparty hints with holder, recognised institution and the opening bank as written', () => {
    const cp = stmt.accounts.filter((a) => a.role === 'counterparty')
    expect(cp).toEqual([
      { id: VICTIM, role: 'counterparty', row: 2, holder: '王芳', institution: 'BOC', branch: '中国银行济南分行营业部' },
      { id: '6228480012345678', role: 'counterparty', row: 3, holder: '赵六', institution: 'ABC', branch: '中国农业银行股份有限公司郑州金水支行' },
      { id: '215500690', role: 'counterparty', row: 5, holder: '支付宝（中国）网络技术有限公司', institution: 'ALIPAY', kind: 'payment_platform' },
    ])
    expect(stmt.accounts.filter((a) => a.role === 'own')).toEqual([{ id: MULE, role: 'own', row: 2, holder: '李四', aliases: ['1602000101001234567'] }])
  })

  it('turns the cash withdrawal into a transfer to the cash account when asked', () => {
    const withCash = importPoliceFeedback(fixture('police-mule.csv'), { cashAccount: 'CASH' })
    expect(withCash.skipped).toEqual([])
    expect(withCash.transfers[2]).toMatchObject({ from: MULE, to: 'CASH', amount: 20_000n, channel: 'atm', time: sh('2026-03-14 11:00:00') })
    expect(withCash.accounts).toContainEqual({ id: 'CASH', role: 'counterparty', row: 4, kind: 'cash' })
  })
})

const HEAD = ['交易卡号', '交易时间', '交易金额', '收付标志', '交易对手账卡号', '交易流水号', '交易余额']

describe('importPoliceFeedback — directions, signs, ids', () => {
  it('lets 收付标志 decide the direction whatever the sign; the sign decides only when the flag is empty', () => {
    const stmt = importPoliceFeedback(csv([
      HEAD,
      ['A', '2026-03-14 10:00:00', '-100.00', '出', 'B', '', ''],
      ['A', '2026-03-14 10:01:00', '100.00', '出', 'B', '', ''],
      ['A', '2026-03-14 10:02:00', '-100.00', '进', 'B', '', ''],
      ['A', '2026-03-14 10:03:00', '-100.00', '', 'B', '', ''],
      ['A', '2026-03-14 10:04:00', '+100.00', '', 'B', '', ''],
      ['A', '2026-03-14 10:05:00', '100.00', '', 'B', '', ''],
    ]))
    expect(stmt.transfers.map((t) => `${t.from}>${t.to}`)).toEqual(['A>B', 'A>B', 'B>A', 'A>B', 'B>A'])
    expect(stmt.invalid).toEqual([{ row: 7, column: '收付标志', code: 'schema', message: expect.stringContaining('no direction') }])
  })

  it('uses the serial as id, else a documented id from account, time, direction, amount and row', () => {
    const stmt = importPoliceFeedback(csv([
      HEAD,
      ['A', '2026-03-14 10:00:00', '5.00', '出', 'B', 'S1', ''],
      ['A', '2026-03-14 10:00:00', '5.00', '出', 'B', '', ''],
      ['A', '2026-03-14 10:00:00', '0.50', '出', 'FEE', 'S1', ''],
    ]))
    expect(stmt.transfers.map((t) => t.id)).toEqual(['S1', `A:${sh('2026-03-14 10:00:00')}:out:500:r3`, 'S1#r4'])
    expect(stmt.transfers[1]!.serial).toBeUndefined()
    expect(stmt.transfers[2]!.serial).toBe('S1')
  })

  it('reads the three time formats seen in feedback files, and a given timezone', () => {
    const rows = ['2026-03-14 10:02:11', '20260314100211', '2026/03/14 10:02:11'].map((t, i) => ['A', t, '1.00', '出', 'B', `S${i}`, ''])
    expect(importPoliceFeedback(csv([HEAD, ...rows])).transfers.map((t) => t.time)).toEqual([1773453731000, 1773453731000, 1773453731000])
    expect(importPoliceFeedback(csv([HEAD, ...rows]), { timezone: 'UTC' }).transfers[0]!.time).toBe(1773453731000 + 8 * 3600_000)
  })
})

describe('importPoliceFeedback — header aliases', () => {
  it('accepts 借贷标志 (借 = out, 贷 = in), 对方账号, 帐 for 账, units in headers, any column order, unknown columns', () => {
    const stmt = importPoliceFeedback(csv([
      ['备用字段', '对方帐号', '借贷标志', '金额（元）', '交易日期', '交易时间', '卡号', '对方户名', '对方开户行'],
      ['x', 'B', '借', '1,234.50', '2026-03-14', '100211', 'A', '张三', '招商银行深圳分行'],
      ['y', 'C', '贷', '10', '20260314', '10:05', 'A', '', ''],
    ]))
    expect(stmt.invalid).toEqual([])
    expect(stmt.transfers.map((t) => [t.from, t.to, t.amount, t.time])).toEqual([
      ['A', 'B', 123_450n, sh('2026-03-14 10:02:11')],
      ['C', 'A', 1_000n, sh('2026-03-14 10:05:00')],
    ])
    expect(stmt.accounts).toEqual([{ id: 'B', role: 'counterparty', row: 2, holder: '张三', institution: 'CMB', branch: '招商银行深圳分行' }])
  })

  it('reads a full date-time from 交易日期 when it is the only time column', () => {
    const stmt = importPoliceFeedback(csv([['交易日期', '交易卡号', '交易金额', '收付标志', '对方账号'], ['2026/03/14 10:02:11', 'A', '1.00', '出', 'B']]))
    expect(stmt.transfers.map((t) => t.time)).toEqual([sh('2026-03-14 10:02:11')])
  })

  it('reads split debit/credit columns (支出金额/收入金额)', () => {
    const stmt = importPoliceFeedback(csv([
      ['交易卡号', '交易时间', '支出金额', '收入金额', '对手账号', '余额'],
      ['A', '2026-03-14 10:00:00', '', '300.00', 'B', '300.00'],
      ['A', '2026-03-14 10:01:00', '100.00', '0.00', 'C', '200.00'],
      ['A', '2026-03-14 10:02:00', '100.00', '5.00', 'C', '105.00'],
    ]))
    expect(stmt.transfers.map((t) => [t.from, t.to, t.amount])).toEqual([['B', 'A', 30_000n], ['A', 'C', 10_000n]])
    expect(stmt.invalid).toEqual([{ row: 4, column: '收入金额', code: 'schema', message: 'the row has both a debit and a credit amount' }])
  })

  it('finds the header below title lines, numbering rows as in the file', () => {
    const stmt = importPoliceFeedback(csv([['银行查询反馈明细', ''], ['查询卡号: A', ''], HEAD, ['A', '2026-03-14 10:00:00', 'x', '出', 'B', 'S', '']]))
    expect(stmt.headerRow).toBe(3)
    expect(stmt.rows).toBe(1)
    expect(stmt.invalid).toEqual([{ row: 4, column: '交易金额', code: 'invalid_amount', message: expect.any(String) }])
  })

  it('prefers 交易账号 as the own account when ownAccount is account', () => {
    const text = csv([['交易卡号', '交易账号', '交易时间', '交易金额', '收付标志', '交易对手账卡号'], ['6222', '1602', '2026-03-14 10:00:00', '1.00', '出', 'B']])
    expect(importPoliceFeedback(text).transfers[0]!.from).toBe('6222')
    expect(importPoliceFeedback(text, { ownAccount: 'account' }).transfers[0]!.from).toBe('1602')
  })

  it('refuses a file without the required columns, naming them', () => {
    const run = () => importPoliceFeedback(csv([['交易卡号', '交易时间', '收付标志'], ['A', '2026-03-14 10:00:00', '出']]))
    expect(run).toThrow(FundtraceError)
    try { run() } catch (e) {
      expect((e as FundtraceError).issues.map((i) => [i.code, i.path[0], i.row])).toEqual([['schema', 'counterparty', 1], ['schema', 'amount', 1]])
    }
  })
})

describe('importPoliceFeedback — bad rows and non-transfer rows', () => {
  const text = csv([
    [...HEAD, '交易是否成功', '币种', '摘要说明'],
    ['A', '2026-03-14 10:00:00', '100.00', '进', 'B', 'S1', '100.00', '成功', '人民币', ''], // 2 good
    ['A', '2026-03-14 25:00:00', '50.00', '出', 'C', 'S2', '50.00', '', '', ''], // 3 bad time
    ['A', '2026-03-14 10:10:00', '12.345', '出', 'C', 'S3', '', '', '', ''], // 4 bad precision
    ['A', '2026-03-14 10:20:00', '20.00', '出', 'C', 'S4', '80.00', '失败', '', ''], // 5 failed
    ['A', '2026-03-14 10:30:00', '20.00', '出', '6.22202E+18', 'S5', '', '', '', ''], // 6 mangled account
    ['', '', '', '', '', '', '', '', '', ''], // 7 blank
    ['A', '2026-03-14 10:40:00', '0.00', '进', '', 'S6', '', '', '', '结息'], // 8 zero
    ['A', '2026-03-14 10:50:00', '1.00', '出', '', 'S7', '', '', '', '短信服务费'], // 9 no counterparty
    ['A', '2026-03-14 11:00:00', '10.00', '出', 'A', 'S8', '', '', '', '活期转定期'], // 10 self
    ['A', '2026-03-14 11:10:00', '10.00', '出', 'D', 'S9', '', '', 'USD', ''], // 11 other currency
    ['A', '2026-03-14 11:20:00', '30.00', '出', 'E', 'S10', '', '', '', ''], // 12 good
    ['A', '2026-03-14 11:30:00', '30.00', '出？', 'E', 'S11', '', '', '', ''], // 13 bad direction
    ['合计', '', '160.00', '', '', '', '', '', '', ''], // 14 footer
  ])

  it('names every bad row with its file row and column, and keeps every good row', () => {
    const stmt = importPoliceFeedback(text)
    expect(stmt.transfers.map((t) => t.id)).toEqual(['S1', 'S10'])
    expect(stmt.invalid.map((r) => [r.row, r.column, r.code])).toEqual([
      [3, '交易时间', 'invalid_time'],
      [4, '交易金额', 'amount_precision'],
      [6, '交易对手账卡号', 'schema'],
      [13, '收付标志', 'schema'],
    ])
    expect(stmt.skipped.map((r) => [r.row, r.reason])).toEqual([
      [5, 'failed'], [7, 'blank_row'], [8, 'zero_amount'], [9, 'no_counterparty'], [10, 'self_transfer'], [11, 'other_currency'], [14, 'summary_row'],
    ])
    expect(stmt.rows).toBe(13)
    expect(stmt.rows).toBe(stmt.transfers.length + stmt.invalid.length + stmt.skipped.length)
  })

  it('throws every bad row at once in strict mode', () => {
    try {
      importPoliceFeedback(text, { strict: true })
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(FundtraceError)
      expect((e as FundtraceError).issues.map((i) => [i.row, i.column, i.code])).toEqual([
        [3, '交易时间', 'invalid_time'], [4, '交易金额', 'amount_precision'], [6, '交易对手账卡号', 'schema'], [13, '收付标志', 'schema'],
      ])
    }
  })

  it('does not throw in strict mode when only non-transfer rows are present', () => {
    expect(importPoliceFeedback(csv([HEAD, ['', '', '', '', '', '', '']]), { strict: true }).skipped).toHaveLength(1)
  })

  it('reports a broken CSV (unclosed quote) with its row', () => {
    try {
      importPoliceFeedback(csv([HEAD, ['A', '2026-03-14 10:00:00', '1.00', '出', 'B', 'S1', '']]) + '"A,2026-03-14 10:01:00,1.00,出,B,S2,\n')
      expect.unreachable()
    } catch (e) {
      expect((e as FundtraceError).issues).toMatchObject([{ code: 'invalid_csv', row: 3 }])
    }
  })

  it('refuses bad options', () => {
    expect(() => importPoliceFeedback(csv([HEAD]), { timezone: 'Mars/Olympus' })).toThrow(/timezone/)
    expect(() => importPoliceFeedback(csv([HEAD]), { currency: 'XYZ' })).toThrow(/currency/)
  })
})
