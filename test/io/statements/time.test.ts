import { describe, expect, it } from 'vitest'
import { parseDirection, parseSignedAmount, parseStatementTime } from '../../../src/io/statements/index.js'

const T = 1773453731000 // 2026-03-14T10:02:11+08:00

describe('parseStatementTime', () => {
  it.each([
    '2026-03-14 10:02:11', '20260314100211', '2026/03/14 10:02:11', '2026/3/14 10:02:11', '2026年03月14日 10:02:11',
    '2026-03-14T10:02:11+08:00', '2026-03-14T02:02:11Z', '20260314 100211', '2026-03-14 10:02:11.000',
  ])('reads %s', (input) => {
    expect(parseStatementTime(input, 'Asia/Shanghai')).toEqual({ ok: true, value: T })
  })

  it('combines a date column with a time of day, also one whose leading zero was dropped', () => {
    expect(parseStatementTime('100211', 'Asia/Shanghai', '2026-03-14')).toEqual({ ok: true, value: T })
    expect(parseStatementTime('10:02:11', 'Asia/Shanghai', '20260314')).toEqual({ ok: true, value: T })
    expect(parseStatementTime('90211', 'Asia/Shanghai', '2026-03-14')).toEqual({ ok: true, value: T - 3600_000 })
  })

  it.each(['2026-03-14', '20260314', '2026-02-30 10:00:00', '2026031410021', 'yesterday', ''])('refuses %j', (input) => {
    expect(parseStatementTime(input, 'Asia/Shanghai').ok).toBe(false)
  })
})

describe('cells', () => {
  it('parses signed amounts with separators and marks', () => {
    expect(parseSignedAmount('-1,234.50', 2)).toEqual({ ok: true, value: 123_450n, sign: -1 })
    expect(parseSignedAmount('¥500.00', 2)).toEqual({ ok: true, value: 50_000n, sign: 0 })
    expect(parseSignedAmount('500.00-', 2)).toEqual({ ok: true, value: 50_000n, sign: -1 })
    expect(parseSignedAmount('0.00', 2)).toEqual({ ok: true, value: 0n, sign: 0 })
    expect(parseSignedAmount('1,23.00', 2).ok).toBe(false)
    expect(parseSignedAmount('1e5', 2).ok).toBe(false)
  })

  it('reads direction flags, 借 as out and 贷 as in', () => {
    expect(['进', '出', '借', '贷', '收', '支', 'D', 'c', ' in '].map((v) => parseDirection(v))).toEqual(['in', 'out', 'out', 'in', 'in', 'out', 'out', 'in', 'in'])
    expect(parseDirection('1')).toBeUndefined()
    expect(parseDirection('1', { '1': 'out' })).toBe('out')
  })
})
