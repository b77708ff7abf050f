/**
 * Issue 7 — every bad row named, no good row lost. Generated inputs mix good rows with bad rows
 * of known kinds at random positions; with `onInvalid: 'collect'` (case files) or by default
 * (statements) every good row comes out as a transfer, in order, and every bad row is named with
 * its index/line/row, its field/column and its reason; counts in = valid + invalid (+ skipped).
 * The strict default refuses the whole file, naming every bad row and only them.
 */
import fc from 'fast-check'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { safeParseCase } from '../../src/case/parse.js'
import { FundtraceError, type Issue } from '../../src/errors/index.js'
import { safeReadCaseStream } from '../../src/io/read-case.js'
import { importPoliceFeedback, importStatementCsv } from '../../src/io/statements/index.js'
import { csv } from '../io/statements/_helpers.js'

type Kind = 'good' | 'amount' | 'precision' | 'zero' | 'negative' | 'too_large' | 'date_only' | 'self' | 'missing_from' | 'empty_from' | 'not_object' | 'unknown_field' | 'bad_status'

/** What each bad kind must be reported as: code and field (undefined: the transfer as a whole). */
const EXPECTED: Record<Exclude<Kind, 'good'>, { code: Issue['code']; field: string | undefined }> = {
  amount: { code: 'invalid_amount', field: 'amount' },
  precision: { code: 'amount_precision', field: 'amount' },
  zero: { code: 'amount_not_positive', field: 'amount' },
  negative: { code: 'amount_not_positive', field: 'amount' },
  too_large: { code: 'amount_too_large', field: 'amount' },
  date_only: { code: 'invalid_time', field: 'time' },
  self: { code: 'self_transfer', field: 'to' },
  missing_from: { code: 'schema', field: 'from' },
  empty_from: { code: 'schema', field: 'from' },
  not_object: { code: 'schema', field: undefined },
  unknown_field: { code: 'schema', field: 'note' },
  bad_status: { code: 'schema', field: 'status' },
}

/** Bad kinds a CSV row can express (every cell is a string; no extra fields). */
const CSV_KINDS: readonly Kind[] = ['amount', 'precision', 'zero', 'negative', 'too_large', 'date_only', 'self', 'empty_from', 'bad_status']
const JSON_KINDS: readonly Kind[] = [...CSV_KINDS, 'missing_from', 'not_object', 'unknown_field']

const HEADER = {
  format: 'fundtrace/case@1', caseId: 'ROWS', caseType: 'telecom_fraud', currency: 'CNY', timezone: 'Asia/Shanghai',
  victims: [{ id: 'V1', accounts: ['VA'], transfers: ['G'] }],
}

function transfer(kind: Kind, i: number): unknown {
  const t: Record<string, unknown> = { id: `${kind === 'good' ? 'G' : 'B'}${i}`, from: `M${i % 3}`, to: `M${(i % 3) + 1}`, amount: `${i + 1}.25`, time: `2026-03-14T10:${String(i % 60).padStart(2, '0')}:00+08:00` }
  switch (kind) {
    case 'good': break
    case 'amount': t.amount = '1,000.00'; break
    case 'precision': t.amount = '1.001'; break
    case 'zero': t.amount = '0.00'; break
    case 'negative': t.amount = '-5'; break
    case 'too_large': t.amount = '99999999999999999'; break
    case 'date_only': t.time = '2026-03-14'; break
    case 'self': t.to = t.from; break
    case 'missing_from': delete t.from; break
    case 'empty_from': t.from = ''; break
    case 'not_object': return `row ${i}`
    case 'unknown_field': t.note = 'x'; break
    case 'bad_status': t.status = 'done'; break
  }
  return t
}

/** The victim's own transfer first (always good), then the generated rows. */
function rowsArb(kinds: readonly Kind[]): fc.Arbitrary<Kind[]> {
  return fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant<Kind>('good') }, { weight: 2, arbitrary: fc.constantFrom(...kinds) }), { minLength: 1, maxLength: 40 })
}

function transfersOf(kinds: readonly Kind[]): unknown[] {
  return [{ id: 'G', from: 'VA', to: 'M1', amount: '100.00', time: '2026-03-14T09:00:00+08:00' }, ...kinds.map((k, i) => transfer(k, i))]
}

/** Checks one collected result against the generated kinds; `at(index)` is the expected location. */
function expectNamed(result: Awaited<ReturnType<typeof safeParseCase>>, kinds: readonly Kind[], at: (index: number) => Partial<Issue>): void {
  if (!result.success) throw result.error
  const input = kinds.length + 1
  expect(result.data.transfers.length + result.invalid.length).toBe(input)
  expect(result.data.transfers.map((t) => t.id)).toEqual(['G', ...kinds.flatMap((k, i) => (k === 'good' ? [`G${i}`] : []))])
  const bad = kinds.flatMap((k, i) => (k === 'good' ? [] : [{ index: i + 1, kind: k }]))
  expect(result.invalid.map((x) => x.index)).toEqual(bad.map((b) => b.index))
  result.invalid.forEach((item, n) => {
    const { kind } = bad[n]!
    const expected = EXPECTED[kind as Exclude<Kind, 'good'>]
    expect(item.issues.length).toBeGreaterThanOrEqual(1)
    for (const issue of item.issues) {
      expect(issue.path.slice(0, 2)).toEqual(['transfers', item.index])
      expect(issue.message.length).toBeGreaterThan(0)
      expect(issue).toMatchObject(at(item.index))
    }
    expect(item.issues.map((i) => [i.code, i.path[2]])).toContainEqual([expected.code, expected.field])
    if (kind !== 'not_object' && kind !== 'missing_from' && kind !== 'empty_from') expect(item.id).toBe(`B${item.index - 1}`)
  })
}

/** The strict default: refused, every issue on a bad row, every bad row named. */
function expectRefused(result: Awaited<ReturnType<typeof safeParseCase>>, kinds: readonly Kind[]): void {
  const bad = kinds.flatMap((k, i) => (k === 'good' ? [] : [i + 1]))
  if (bad.length === 0) {
    expect(result.success).toBe(true)
    return
  }
  expect(result.success).toBe(false)
  if (result.success) return
  expect(result.error).toBeInstanceOf(FundtraceError)
  const named = [...new Set(result.error.issues.map((i) => i.path[1]))]
  expect(named).toEqual(bad)
}

describe('case files: every bad transfer named, no good transfer lost', () => {
  it("JSON with onInvalid 'collect' (and the strict default refuses the whole file)", () => {
    fc.assert(fc.property(rowsArb(JSON_KINDS), (kinds) => {
      const raw = { ...HEADER, transfers: transfersOf(kinds) }
      expectNamed(safeParseCase(raw, { onInvalid: 'collect' }), kinds, () => ({}))
      expectNamed(safeParseCase(JSON.stringify(raw), { onInvalid: 'collect' }), kinds, () => ({}))
      expectRefused(safeParseCase(raw), kinds)
    }), { numRuns: 150 })
  })

  it('NDJSON: the same, each issue on its line (header = line 1)', async () => {
    await fc.assert(fc.asyncProperty(rowsArb(JSON_KINDS), async (kinds) => {
      const text = [JSON.stringify(HEADER), ...transfersOf(kinds).map((t) => JSON.stringify(t))].join('\n')
      const collected = await safeReadCaseStream(Readable.from([text]), { format: 'ndjson', onInvalid: 'collect' })
      expectNamed(collected, kinds, (index) => ({ line: index + 2 }))
      expectRefused(await safeReadCaseStream(Readable.from([text]), { format: 'ndjson' }), kinds)
    }), { numRuns: 100 })
  })

  it('CSV: the same, each issue on its row (column row = 1) and column', async () => {
    await fc.assert(fc.asyncProperty(rowsArb(CSV_KINDS), async (kinds) => {
      const columns = ['id', 'from', 'to', 'amount', 'time', 'status']
      const rows = transfersOf(kinds).map((t) => columns.map((c) => String((t as Record<string, unknown>)[c] ?? '')))
      const text = csv([columns, ...rows])
      const collected = await safeReadCaseStream(Readable.from([text]), { format: 'csv', header: HEADER, onInvalid: 'collect' })
      expectNamed(collected, kinds, (index) => ({ row: index + 2 }))
      if (collected.success) {
        for (const item of collected.invalid) {
          const kind = kinds[item.index - 1] as Exclude<Kind, 'good'>
          expect(item.issues.map((i) => i.column)).toContain(EXPECTED[kind].field)
        }
      }
      expectRefused(await safeReadCaseStream(Readable.from([text]), { format: 'csv', header: HEADER }), kinds)
    }), { numRuns: 100 })
  })

  it('a CSV row with the wrong number of cells is named by its row and counted as invalid', async () => {
    const text = 'id,from,to,amount,time\nG,VA,M1,100.00,2026-03-14T09:00:00+08:00\nB1,M1,M2,1.00\nG2,M1,M2,1.00,2026-03-14T10:00:00+08:00\n'
    const r = await safeReadCaseStream(Readable.from([text]), { format: 'csv', header: HEADER, onInvalid: 'collect' })
    if (!r.success) throw r.error
    expect(r.data.transfers.map((t) => t.id)).toEqual(['G', 'G2'])
    expect(r.invalid).toMatchObject([{ index: 1, issues: [{ code: 'schema', row: 3, path: ['transfers', 1] }] }])
  })
})

type StatementKind =
  | 'good' | 'bad_time' | 'bad_precision' | 'bad_amount' | 'bad_direction' | 'bad_counterparty' | 'bad_account' | 'bad_serial'
  | 'blank' | 'footer' | 'zero' | 'failed' | 'other_currency' | 'no_counterparty' | 'cash' | 'self'

const STATEMENT_BAD: Partial<Record<StatementKind, { code: Issue['code']; column: string }>> = {
  bad_time: { code: 'invalid_time', column: '交易时间' },
  bad_precision: { code: 'amount_precision', column: '交易金额' },
  bad_amount: { code: 'invalid_amount', column: '交易金额' },
  bad_direction: { code: 'schema', column: '收付标志' },
  bad_counterparty: { code: 'schema', column: '交易对手账卡号' },
  bad_account: { code: 'schema', column: '交易卡号' },
  bad_serial: { code: 'schema', column: '交易流水号' },
}
const STATEMENT_SKIP: Partial<Record<StatementKind, string>> = {
  blank: 'blank_row', footer: 'summary_row', zero: 'zero_amount', failed: 'failed', other_currency: 'other_currency',
  no_counterparty: 'no_counterparty', cash: 'cash', self: 'self_transfer',
}
const STATEMENT_KINDS = Object.keys({ ...STATEMENT_BAD, ...STATEMENT_SKIP }) as StatementKind[]
const POLICE_HEAD = ['交易卡号', '交易时间', '交易金额', '收付标志', '交易对手账卡号', '交易流水号', '交易是否成功', '币种', '摘要说明']

function policeRow(kind: StatementKind, i: number): string[] {
  const row = ['6222020200004321', `2026-03-14 10:${String(i % 60).padStart(2, '0')}:00`, `${i + 1}.50`, i % 2 ? '出' : '进', `62170000100${String(i).padStart(5, '0')}`, `S${i}`, '', '', '']
  switch (kind) {
    case 'good': break
    case 'bad_time': row[1] = '2026-03-14 25:00:00'; break
    case 'bad_precision': row[2] = '12.345'; break
    case 'bad_amount': row[2] = 'abc'; break
    case 'bad_direction': row[3] = '出？'; break
    case 'bad_counterparty': row[4] = '6.22202E+18'; break
    case 'bad_account': row[0] = '6222\u0001'; break
    case 'bad_serial': row[5] = `S${i}\u0001`; break
    case 'blank': return row.map(() => '')
    case 'footer': return ['合计', '', '160.00', '', '', '', '', '', '']
    case 'zero': row[2] = '0.00'; break
    case 'failed': row[6] = '失败'; break
    case 'other_currency': row[7] = 'USD'; break
    case 'no_counterparty': row[4] = ''; row[8] = '结息'; break
    case 'cash': row[4] = ''; row[8] = 'ATM取款'; break
    case 'self': row[4] = row[0]!; break
  }
  return row
}

describe('statements: rows in = transfers + invalid + skipped, every bad row named', () => {
  const statementArb = fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant<StatementKind>('good') }, { weight: 2, arbitrary: fc.constantFrom(...STATEMENT_KINDS) }), { minLength: 1, maxLength: 40 })

  it('police feedback: good rows all imported in order; bad rows named by row, column and code; non-transfer rows skipped with their reason; strict names every bad row', () => {
    fc.assert(fc.property(statementArb, (kinds) => {
      const text = csv([POLICE_HEAD, ...kinds.map((k, i) => policeRow(k, i))])
      const stmt = importPoliceFeedback(text)
      expect(stmt.rows).toBe(kinds.length)
      expect(stmt.rows).toBe(stmt.transfers.length + stmt.invalid.length + stmt.skipped.length)
      const rowsOf = (pick: (k: StatementKind) => boolean) => kinds.flatMap((k, i) => (pick(k) ? [i + 2] : []))
      expect(stmt.lines.map((l) => l.row)).toEqual(rowsOf((k) => k === 'good'))
      expect(stmt.transfers.map((t) => t.id)).toEqual(kinds.flatMap((k, i) => (k === 'good' ? [`S${i}`] : [])))
      expect(stmt.invalid.map((r) => [r.row, r.column, r.code])).toEqual(kinds.flatMap((k, i) => (STATEMENT_BAD[k] ? [[i + 2, STATEMENT_BAD[k].column, STATEMENT_BAD[k].code]] : [])))
      for (const r of stmt.invalid) expect(r.message.length).toBeGreaterThan(0)
      expect(stmt.skipped.map((r) => [r.row, r.reason])).toEqual(kinds.flatMap((k, i) => (STATEMENT_SKIP[k] ? [[i + 2, STATEMENT_SKIP[k]]] : [])))
      const bad = rowsOf((k) => STATEMENT_BAD[k] !== undefined)
      if (bad.length === 0) {
        expect(importPoliceFeedback(text, { strict: true })).toEqual(stmt)
      } else {
        try {
          importPoliceFeedback(text, { strict: true })
          expect.unreachable('strict mode must refuse the file')
        } catch (error) {
          expect(error).toBeInstanceOf(FundtraceError)
          expect((error as FundtraceError).issues.map((i) => i.row)).toEqual(bad)
        }
      }
    }), { numRuns: 200 })
  })

  it('generic CSV (list of transfers): the same for negative, empty and self rows', () => {
    type LedgerKind = 'good' | 'negative' | 'empty_amount' | 'empty_from' | 'self' | 'bad_time' | 'zero' | 'blank'
    const expected: Partial<Record<LedgerKind, [string, Issue['code']]>> = {
      negative: ['amount', 'amount_not_positive'], empty_amount: ['amount', 'invalid_amount'], empty_from: ['from', 'schema'],
      self: ['to', 'self_transfer'], bad_time: ['time', 'invalid_time'],
    }
    const skipped: Partial<Record<LedgerKind, string>> = { zero: 'zero_amount', blank: 'blank_row' }
    const arb = fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant<LedgerKind>('good') }, { weight: 2, arbitrary: fc.constantFrom<LedgerKind>('negative', 'empty_amount', 'empty_from', 'self', 'bad_time', 'zero', 'blank') }), { minLength: 1, maxLength: 40 })
    fc.assert(fc.property(arb, (kinds) => {
      const rows = kinds.map((k, i) => {
        const row = [`A${i % 4}`, `B${i % 5}`, `${i + 1}.00`, `2026-03-14 11:${String(i % 60).padStart(2, '0')}:00`, `L${i}`]
        if (k === 'negative') row[2] = '-3.00'
        if (k === 'empty_amount') row[2] = ''
        if (k === 'empty_from') row[0] = ''
        if (k === 'self') row[1] = row[0]!
        if (k === 'bad_time') row[3] = '2026-02-30 10:00:00'
        if (k === 'zero') row[2] = '0'
        return k === 'blank' ? row.map(() => '') : row
      })
      const stmt = importStatementCsv(csv([['from', 'to', 'amount', 'time', 'serial'], ...rows]), { mapping: { from: 'from', to: 'to', amount: 'amount', time: 'time', serial: 'serial' } })
      expect(stmt.rows).toBe(kinds.length)
      expect(stmt.rows).toBe(stmt.transfers.length + stmt.invalid.length + stmt.skipped.length)
      expect(stmt.transfers.map((t) => t.id)).toEqual(kinds.flatMap((k, i) => (k === 'good' ? [`L${i}`] : [])))
      expect(stmt.invalid.map((r) => [r.row, r.column, r.code])).toEqual(kinds.flatMap((k, i) => (expected[k] ? [[i + 2, ...expected[k]]] : [])))
      expect(stmt.skipped.map((r) => [r.row, r.reason])).toEqual(kinds.flatMap((k, i) => (skipped[k] ? [[i + 2, skipped[k]]] : [])))
    }), { numRuns: 150 })
  })
})
