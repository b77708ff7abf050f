/**
 * A CSV importer for any statement layout, given the column mapping.
 *
 * @module io/statements/generic
 */
import { FundtraceError } from '../../errors/index.js'
import { importWithSpec, type Field, type HeaderNames } from './_core.js'
import type { ColumnMapping, StatementImport, StatementOptions } from './types.js'

/** Options of {@link importStatementCsv}. */
export interface GenericStatementOptions extends StatementOptions {
  /** Which header names hold which field. Every column named must exist in the header row. */
  readonly mapping: ColumnMapping
}

const FIELDS: readonly Field[] = [
  'account', 'accountAlias', 'from', 'to', 'counterparty', 'direction', 'amount', 'outAmount', 'inAmount', 'time', 'date',
  'balance', 'serial', 'holder', 'counterpartyName', 'counterpartyInstitution', 'channel', 'status', 'summary', 'branch',
  'ip', 'mac', 'currency', 'success', 'cashFlag',
]

/**
 * Imports a statement CSV of any layout, with the same row rules as `importPoliceFeedback`
 * (directions, signs, times, ids, skipped and invalid rows, balance check). Two shapes:
 * a statement of one account (`account` column or option, `counterparty`, and `direction`,
 * a signed `amount` or `outAmount`/`inAmount`), or a plain list of transfers (`from` + `to`;
 * amounts must then be positive and no balance check is made). A field may name several
 * columns; the first non-empty cell wins.
 *
 * @example
 * const stmt = importStatementCsv(bytes, {
 *   mapping: { account: '卡号', counterparty: '对方账号', direction: '借贷', amount: '金额', time: '时间', balance: '余额', serial: '流水' },
 * })
 * const list = importStatementCsv('from,to,amount,time\nA,B,10.00,2026-03-14 10:00:00\n', {
 *   mapping: { from: 'from', to: 'to', amount: 'amount', time: 'time' },
 * })
 * list.transfers[0] //=> { id: 'A>B:1773453600000:1000:r2', from: 'A', to: 'B', amount: 1000n, … }
 */
export function importStatementCsv(input: Uint8Array | string, options: GenericStatementOptions): StatementImport {
  const mapping = options?.mapping
  if (mapping === undefined || mapping === null || typeof mapping !== 'object') {
    throw new FundtraceError([{ code: 'invalid_option', message: 'fundtrace/statements/csv: a column mapping is required', path: ['mapping'] }])
  }
  const headers: HeaderNames = {}
  const issues: { code: 'invalid_option'; message: string; path: string[] }[] = []
  for (const key of Object.keys(mapping)) {
    if (!FIELDS.includes(key as Field)) {
      issues.push({ code: 'invalid_option', message: `fundtrace/statements/csv: unknown mapping field ${JSON.stringify(key)} (known: ${FIELDS.join(', ')})`, path: ['mapping', key] })
      continue
    }
    const value = mapping[key as Field]
    if (value === undefined) continue
    const names = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined
    if (names === undefined || names.length === 0 || names.some((n) => typeof n !== 'string' || n.trim() === '')) {
      issues.push({ code: 'invalid_option', message: `fundtrace/statements/csv: mapping.${key} must be a column name or a non-empty list of them`, path: ['mapping', key] })
      continue
    }
    headers[key as Field] = names
  }
  const ledger = headers.from !== undefined || headers.to !== undefined
  if (headers.time === undefined) issues.push(need('time', 'mapping.time is required'))
  if (headers.amount === undefined && (headers.outAmount === undefined || headers.inAmount === undefined)) {
    issues.push(need('amount', 'mapping.amount (or both outAmount and inAmount) is required'))
  }
  if (ledger) {
    if (headers.from === undefined || headers.to === undefined) issues.push(need(headers.from === undefined ? 'from' : 'to', 'mapping.from and mapping.to go together'))
    if (headers.outAmount !== undefined || headers.inAmount !== undefined) issues.push(need('amount', 'a list of transfers (from/to) takes mapping.amount, not outAmount/inAmount'))
  } else {
    if (headers.account === undefined && options.account === undefined) issues.push(need('account', 'mapping.account or the account option is required (or map from and to)'))
    if (headers.counterparty === undefined) issues.push(need('counterparty', 'mapping.counterparty is required for a statement (or map from and to)'))
  }
  if (issues.length > 0) throw new FundtraceError(issues)
  return importWithSpec(input, options, {
    name: 'fundtrace/statements/csv',
    headers,
    required: () => Object.keys(headers) as Field[],
  })
}

function need(field: Field, message: string) {
  return { code: 'invalid_option' as const, message: `fundtrace/statements/csv: ${message}`, path: ['mapping', field] }
}
