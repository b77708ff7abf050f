/**
 * The engine shared by the statement importers: decode, parse CSV, find the header, read every
 * row into a transfer, an invalid row or a skipped row, then check the balance chain.
 *
 * @module io/statements/_core
 */
import { parse } from 'csv-parse/sync'
import { idProblem } from '../../case/_id.js'
import { currencyDigits, formatAmount } from '../../case/money.js'
import { MAX_SERIAL_LENGTH } from '../../case/schema.js'
import { isValidTimezone } from '../../case/time.js'
import type { Channel, Transfer, TransferStatus } from '../../case/types.js'
import { FundtraceError, type Issue, type IssueCode } from '../../errors/index.js'
import { reconcileBalances } from './balance.js'
import { cleanAccount, cleanCell, isFailedFlag, normaliseCurrency, normaliseHeader, parseBalanceCell, parseDirection, parseSignedAmount } from './cells.js'
import { decodeStatement } from './decode.js'
import { inferChannel, isCashMovement, recogniseInstitution } from './_infer.js'
import { parseStatementTime } from './time.js'
import type {
  AccountHint, ColumnMapping, Direction, InvalidRow, Movement, SkippedRow, SkipReason, StatementImport,
  StatementLine, StatementOptions, StatementWarning,
} from './types.js'

/** A field of a {@link ColumnMapping}. */
export type Field = keyof ColumnMapping

/** Accepted header names per field, in order of preference. */
export type HeaderNames = Partial<Record<Field, readonly string[]>>

/** How an importer finds its columns. */
export interface FormatSpec {
  /** Prefix of messages, e.g. `fundtrace/statements/police`. */
  readonly name: string
  readonly headers: HeaderNames
  /** Fields that must resolve to a column for a record to be the header (beyond those the options make optional). */
  readonly required: (resolved: ResolvedColumns, options: StatementOptions) => readonly Field[]
}

/** A resolved field: the column indices in order of preference and their headers as written. */
export interface ResolvedField {
  readonly indices: readonly number[]
  readonly headers: readonly string[]
}

/** The columns found for each field of a header row; fields without a column are absent. */
export type ResolvedColumns = Partial<Record<Field, ResolvedField>>

const SUMMARY_ROW = /^(合计|总计|小计|本页合计|本页小计|累计|共计|汇总|打印|制表|查询|交易笔数|笔数|共\s*\d+\s*笔)/
const DEFAULT_TIMEZONE = 'Asia/Shanghai'

/**
 * Finds, for every field, the columns of `header` named by `names` (compared with
 * {@link normaliseHeader}). A column named for both `date` and `time` (交易日期) is the date when
 * another column gives the time, else the time.
 *
 * @example
 * resolveColumns(['交易时间', '交易金额'], { time: ['交易时间'], amount: ['交易金额', '金额'] })
 * //=> { time: { indices: [0], headers: ['交易时间'] }, amount: { indices: [1], headers: ['交易金额'] } }
 */
export function resolveColumns(header: readonly string[], names: HeaderNames): ResolvedColumns {
  const normalised = header.map((h) => normaliseHeader(h))
  const out: Partial<Record<Field, ResolvedField>> = {}
  for (const field of Object.keys(names) as Field[]) {
    const indices: number[] = []
    for (const name of names[field] ?? []) {
      const key = normaliseHeader(name)
      normalised.forEach((h, i) => { if (h === key && !indices.includes(i)) indices.push(i) })
    }
    if (indices.length > 0) out[field] = { indices, headers: indices.map((i) => cleanCell(header[i])) }
  }
  // A column that can be the date is the date, unless it is the only column for the time.
  if (out.date && out.time) {
    const dates = out.date.indices
    const times = out.time.indices.filter((i) => !dates.includes(i))
    if (times.length === 0) delete out.date
    else out.time = { indices: times, headers: times.map((i) => cleanCell(header[i])) }
  }
  return out
}

interface Settings {
  readonly timezone: string
  readonly currency: string
  readonly digits: number
  readonly strict: boolean
  readonly account?: string
  readonly cashAccount?: string
  readonly directionValues?: Readonly<Record<string, Direction>>
  readonly maxHeaderSearch: number
}

/**
 * Imports one statement with the given format: the whole pipeline behind
 * `importPoliceFeedback` and `importStatementCsv`.
 *
 * @example
 * importWithSpec('from,to,amount,time\nA,B,1.00,20260314100000\n', {}, {
 *   name: 'example', headers: { from: ['from'], to: ['to'], amount: ['amount'], time: ['time'] },
 *   required: () => ['from', 'to', 'amount', 'time'],
 * }).transfers.length //=> 1
 */
export function importWithSpec(input: Uint8Array | string, options: StatementOptions, spec: FormatSpec): StatementImport {
  const settings = checkOptions(options, spec.name)
  const { text, encoding } = decodeStatement(input, options.encoding ?? 'auto')
  const records = parseCsv(text, options.delimiter ?? detectDelimiter(text), spec.name)
  const { headerIndex, columns } = findHeader(records, spec, options, settings.maxHeaderSearch)
  const ledger = columns.from !== undefined && columns.to !== undefined
  const reader = new RowReader(columns, settings, ledger)
  for (let i = headerIndex + 1; i < records.length; i++) reader.read(records[i]!, i + 1)
  const result = reader.finish(encoding, headerIndex + 1, records.length - headerIndex - 1)
  if (settings.strict && result.invalid.length > 0) {
    throw new FundtraceError(result.invalid.map((r): Issue => ({
      code: r.code, message: r.message, path: [], row: r.row, ...(r.column === undefined ? {} : { column: r.column }),
    })))
  }
  return result
}

function checkOptions(options: StatementOptions, name: string): Settings {
  const issues: Issue[] = []
  const timezone = options.timezone ?? DEFAULT_TIMEZONE
  if (!isValidTimezone(timezone)) issues.push({ code: 'invalid_timezone', message: `${name}: unknown timezone ${JSON.stringify(timezone)}`, path: ['timezone'] })
  const currency = options.currency ?? 'CNY'
  const digits = currencyDigits(currency)
  if (digits === undefined) issues.push({ code: 'unsupported_currency', message: `${name}: unsupported currency ${JSON.stringify(currency)}`, path: ['currency'] })
  for (const key of ['account', 'cashAccount', 'delimiter'] as const) {
    const value = options[key]
    if (value !== undefined && (typeof value !== 'string' || value.trim() === '')) {
      issues.push({ code: 'invalid_option', message: `${name}: option ${key} must be a non-empty string`, path: [key] })
    }
  }
  const maxHeaderSearch = options.maxHeaderSearch ?? 20
  if (!Number.isSafeInteger(maxHeaderSearch) || maxHeaderSearch < 1) {
    issues.push({ code: 'invalid_option', message: `${name}: option maxHeaderSearch must be a positive integer`, path: ['maxHeaderSearch'] })
  }
  const account = typeof options.account === 'string' ? cleanAccount(options.account) : undefined
  if (account !== undefined && !account.ok) issues.push({ code: 'invalid_option', message: `${name}: ${account.message}`, path: ['account'] })
  const cashProblem = typeof options.cashAccount === 'string' && options.cashAccount.trim() !== '' ? idProblem(options.cashAccount.trim()) : undefined
  if (cashProblem !== undefined) issues.push({ code: 'invalid_option', message: `${name}: option cashAccount: ${cashProblem}`, path: ['cashAccount'] })
  if (issues.length > 0) throw new FundtraceError(issues)
  return {
    timezone, currency, digits: digits!, strict: options.strict === true, maxHeaderSearch,
    ...(account?.ok ? { account: account.value } : {}),
    ...(options.cashAccount === undefined ? {} : { cashAccount: options.cashAccount.trim().normalize('NFC') }),
    ...(options.directionValues === undefined ? {} : { directionValues: options.directionValues }),
  }
}

function detectDelimiter(text: string): string {
  const firstLines = text.split(/\r?\n/, 25)
  let commas = 0, tabs = 0
  for (const line of firstLines) {
    commas += line.split(',').length - 1
    tabs += line.split('\t').length - 1
  }
  return tabs > commas ? '\t' : ','
}

function parseCsv(text: string, delimiter: string, name: string): string[][] {
  try {
    return parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true }) as string[][]
  } catch (error) {
    const e = error as { message?: string; records?: number; lines?: number }
    const row = typeof e.records === 'number' ? e.records + 1 : undefined
    throw new FundtraceError([{
      code: 'invalid_csv', message: `${name}: ${e.message ?? String(error)}`, path: [],
      ...(row === undefined ? {} : { row }),
    }])
  }
}

function findHeader(records: string[][], spec: FormatSpec, options: StatementOptions, maxSearch: number): { headerIndex: number; columns: ResolvedColumns } {
  let firstMissing: readonly Field[] | undefined
  let firstRow = 1
  for (let i = 0; i < Math.min(records.length, maxSearch); i++) {
    const record = records[i]!
    if (record.every((c) => cleanCell(c) === '')) continue
    const columns = resolveColumns(record, spec.headers)
    const missing = spec.required(columns, options).filter((f) => columns[f] === undefined)
    if (missing.length === 0) return { headerIndex: i, columns }
    if (firstMissing === undefined) { firstMissing = missing; firstRow = i + 1 }
  }
  if (firstMissing === undefined) {
    throw new FundtraceError([{ code: 'schema', message: `${spec.name}: the file has no header row (it is empty)`, path: [], row: 1 }])
  }
  throw new FundtraceError(firstMissing.map((field): Issue => ({
    code: 'schema',
    message: `${spec.name}: no header row within the first ${maxSearch} rows has a column for ${field} (accepted: ${(spec.headers[field] ?? []).map((h) => JSON.stringify(h)).join(', ')})`,
    path: [field], row: firstRow, column: (spec.headers[field] ?? [field])[0]!,
  })))
}

type Cell = { readonly text: string; readonly column: string | undefined }

class RowReader {
  readonly transfers: Transfer[] = []
  readonly lines: StatementLine[] = []
  readonly accounts: AccountHint[] = []
  readonly invalid: InvalidRow[] = []
  readonly skipped: SkippedRow[] = []
  readonly warnings: StatementWarning[] = []
  readonly movements: Movement[] = []
  private readonly usedIds = new Set<string>()
  private readonly cashHinted = new Set<string>()
  private readonly ownHinted = new Set<string>()

  constructor(
    private readonly columns: ResolvedColumns,
    private readonly settings: Settings,
    private readonly ledger: boolean,
  ) {}

  private cell(record: readonly string[], field: Field): Cell {
    const resolved = this.columns[field]
    if (!resolved) return { text: '', column: undefined }
    for (let k = 0; k < resolved.indices.length; k++) {
      const text = cleanCell(record[resolved.indices[k]!])
      if (text !== '') return { text, column: resolved.headers[k] }
    }
    return { text: '', column: resolved.headers[0] }
  }

  private column(field: Field): string | undefined {
    return this.columns[field]?.headers[0]
  }

  private bad(row: number, code: IssueCode, message: string, column: string | undefined): void {
    this.invalid.push({ row, code, message, ...(column === undefined ? {} : { column }) })
  }

  private skip(row: number, reason: SkipReason, message: string, column?: string): void {
    this.skipped.push({ row, reason, message, ...(column === undefined ? {} : { column }) })
  }

  read(record: readonly string[], row: number): void {
    if (record.every((c) => cleanCell(c) === '')) return this.skip(row, 'blank_row', 'blank row')
    const time = this.cell(record, 'time')
    if (time.text === '' && record.some((c) => SUMMARY_ROW.test(cleanCell(c)))) {
      return this.skip(row, 'summary_row', `summary or footer row (${JSON.stringify(record.map(cleanCell).filter(Boolean).join(' ').slice(0, 40))})`)
    }
    const success = this.cell(record, 'success')
    if (success.text !== '' && isFailedFlag(success.text)) {
      return this.skip(row, 'failed', `the bank marks this movement as failed (${JSON.stringify(success.text)})`, success.column)
    }
    const currency = this.cell(record, 'currency')
    const rowCurrency = normaliseCurrency(currency.text)
    if (rowCurrency !== undefined && rowCurrency !== this.settings.currency) {
      return this.skip(row, 'other_currency', `movement in ${rowCurrency}, not ${this.settings.currency}`, currency.column)
    }

    // Every problem of the row, in column order; the first one is reported.
    const problems: { code: IssueCode; message: string; column: string | undefined }[] = []
    const problem = (code: IssueCode, message: string, column: string | undefined) => { problems.push({ code, message, column }) }

    let own = ''
    let from = '', to = ''
    if (this.ledger) {
      for (const field of ['from', 'to'] as const) {
        const c = this.cell(record, field)
        const acc = cleanAccount(c.text)
        if (!acc.ok) problem('schema', acc.message, c.column)
        else if (acc.value === '') problem('schema', `${field} account is empty`, c.column ?? this.column(field))
        else if (field === 'from') from = acc.value
        else to = acc.value
      }
    } else {
      const c = this.cell(record, 'account')
      const acc = cleanAccount(c.text)
      if (!acc.ok) problem('schema', acc.message, c.column)
      else own = acc.value || this.settings.account || ''
      if (acc.ok && own === '') problem('schema', 'the statement account is empty (give the account option if the file has no account column)', c.column ?? this.column('account'))
    }

    const date = this.cell(record, 'date')
    let when: number | undefined
    if (time.text === '') {
      problem('invalid_time', 'time is empty', time.column ?? this.column('time'))
    } else {
      const t = parseStatementTime(time.text, this.settings.timezone, date.text === '' ? undefined : date.text)
      if (t.ok) when = t.value
      else problem('invalid_time', t.message, time.column)
    }

    const amount = this.readAmount(record, problem)

    let balance: bigint | undefined
    const balanceCell = this.cell(record, 'balance')
    if (balanceCell.text !== '') {
      balance = parseBalanceCell(balanceCell.text, this.settings.digits)
      if (balance === undefined) {
        this.warnings.push({
          code: 'balance_gap', path: [], row, rows: [row], ...(balanceCell.column === undefined ? {} : { column: balanceCell.column }),
          message: `balance ${JSON.stringify(balanceCell.text)} at row ${row} is not an amount; the balance chain is not checked at this row`,
        })
      }
    }

    if (amount !== undefined && amount.value === 0n) {
      if (!this.ledger && own !== '' && when !== undefined && balance !== undefined) {
        this.movements.push({ row, account: own, time: when, direction: 'in', amount: 0n, balance })
      }
      return this.skip(row, 'zero_amount', 'amount is zero: not a transfer', amount.column)
    }

    const summary = this.cell(record, 'summary')
    const channelCell = this.cell(record, 'channel')
    let counterparty = ''
    let counterpartyColumn: string | undefined
    if (!this.ledger) {
      const c = this.cell(record, 'counterparty')
      counterpartyColumn = c.column ?? this.column('counterparty')
      const acc = cleanAccount(c.text)
      if (!acc.ok) problem('schema', acc.message, c.column)
      else counterparty = acc.value
    } else if (from !== '' && from === to) {
      problem('self_transfer', `from and to are the same account ${from}`, this.column('to'))
    }

    let status: TransferStatus = 'posted'
    const statusCell = this.cell(record, 'status')
    if (statusCell.text !== '') {
      const s = readStatus(statusCell.text)
      if (s === undefined) problem('schema', `status ${JSON.stringify(statusCell.text)} is not posted/pending (已入账/在途)`, statusCell.column)
      else status = s
    }

    // The serial becomes the transfer id: it follows the case file's identifier rule.
    const serialCell = this.cell(record, 'serial')
    const serial = serialCell.text.normalize('NFC')
    const serialProblem = serial === '' ? undefined : idProblem(serial) ?? (serial.length > MAX_SERIAL_LENGTH ? `serial is longer than ${MAX_SERIAL_LENGTH} UTF-16 code units` : undefined)
    if (serialProblem !== undefined) problem('schema', `serial ${serialProblem.replace(/^id /, '')} (the serial becomes the transfer id)`, serialCell.column)

    const first = problems[0]
    if (first !== undefined) {
      const more = problems.length > 1 ? ` (also: ${problems.slice(1).map((p) => p.column ?? p.code).join(', ')})` : ''
      return this.bad(row, first.code, first.message + more, first.column)
    }
    const { value, direction } = amount!
    const time0 = when!
    const id = this.proposeId(serial, row, this.ledger ? `${from}>${to}:${time0}:${value}` : `${own}:${time0}:${direction}:${value}`)
    if (idProblem(id) !== undefined) {
      return this.bad(row, 'schema', `the transfer id of this row would be longer than 256 characters (${id.length}): it is made of the serial or, without one, of the accounts, time and amount`, serial === '' ? this.column(this.ledger ? 'from' : 'account') : serialCell.column)
    }

    if (!this.ledger) {
      const movement: Movement = { row, account: own, time: time0, direction, amount: value, ...(balance === undefined ? {} : { balance }) }
      this.movements.push(movement)
      this.hintOwn(record, own, row)
      if (counterparty === '') {
        const cashFlag = this.cell(record, 'cashFlag')
        const cash = isCashMovement(cashFlag.text, `${summary.text} ${channelCell.text}`)
        if (cash && this.settings.cashAccount !== undefined) {
          counterparty = this.settings.cashAccount
          if (!this.cashHinted.has(counterparty)) {
            this.cashHinted.add(counterparty)
            this.accounts.push({ id: counterparty, role: 'counterparty', row, kind: 'cash' })
          }
        } else if (cash) {
          return this.skip(row, 'cash', `cash ${direction === 'out' ? 'withdrawal' : 'deposit'} of ${formatAmount(value, this.settings.digits)} without counterparty account (give the cashAccount option to keep cash movements as transfers)`, counterpartyColumn)
        } else {
          return this.skip(row, 'no_counterparty', `movement of ${formatAmount(value, this.settings.digits)} without counterparty account${summary.text ? ` (${summary.text})` : ''}`, counterpartyColumn)
        }
      } else if (counterparty === own) {
        return this.skip(row, 'self_transfer', `counterparty is the statement's own account ${own} (internal movement)`, counterpartyColumn)
      } else {
        this.hintCounterparty(record, counterparty, row, direction, summary.text, channelCell.text)
      }
      from = direction === 'out' ? own : counterparty
      to = direction === 'out' ? counterparty : own
    }

    this.usedIds.add(id)
    const channel: Channel | undefined = (channelCell.text === '' ? undefined : inferChannel(channelCell.text, direction)) ?? (summary.text === '' ? undefined : inferChannel(summary.text, direction))
    this.transfers.push({
      id, from, to, amount: value, time: time0, status,
      ...(channel === undefined ? {} : { channel }),
      ...(serial === '' ? {} : { serial }),
    })
    const extra = (field: 'branch' | 'ip' | 'mac') => {
      const t = this.cell(record, field).text
      return t === '' ? {} : { [field]: t }
    }
    this.lines.push({
      row, transfer: id, account: this.ledger ? from : own, counterparty: this.ledger ? to : counterparty, direction,
      ...(balance === undefined ? {} : { balance }),
      ...(summary.text === '' ? {} : { summary: summary.text }),
      ...extra('branch'), ...extra('ip'), ...extra('mac'),
    })
  }

  private readAmount(record: readonly string[], problem: (code: IssueCode, message: string, column: string | undefined) => void): { value: bigint; direction: Direction; column: string | undefined } | undefined {
    const digits = this.settings.digits
    const amountCell = this.cell(record, 'amount')
    const split = this.columns.outAmount !== undefined || this.columns.inAmount !== undefined
    if (split && amountCell.text === '') {
      const outCell = this.cell(record, 'outAmount'), inCell = this.cell(record, 'inAmount')
      const read = (c: Cell) => {
        if (c.text === '') return 0n
        const p = parseSignedAmount(c.text, digits)
        if (!p.ok) { problem(p.code, p.message, c.column); return undefined }
        return p.value
      }
      const out = read(outCell), inn = read(inCell)
      if (out === undefined || inn === undefined) return undefined
      if (outCell.text === '' && inCell.text === '') {
        problem('invalid_amount', 'both the debit and the credit amount are empty', outCell.column ?? inCell.column ?? this.column('amount'))
        return undefined
      }
      if (out !== 0n && inn !== 0n) {
        problem('schema', 'the row has both a debit and a credit amount', inCell.column)
        return undefined
      }
      return out !== 0n ? { value: out, direction: 'out', column: outCell.column } : { value: inn, direction: 'in', column: inCell.column ?? outCell.column }
    }
    if (amountCell.text === '') {
      problem('invalid_amount', 'amount is empty', amountCell.column ?? this.column('amount'))
      return undefined
    }
    const p = parseSignedAmount(amountCell.text, digits)
    if (!p.ok) { problem(p.code, p.message, amountCell.column); return undefined }
    if (p.value === 0n) return { value: 0n, direction: 'in', column: amountCell.column }
    if (this.ledger) {
      if (p.sign === -1) { problem('amount_not_positive', `amount ${JSON.stringify(amountCell.text)} is negative; a transfer amount must be positive`, amountCell.column); return undefined }
      return { value: p.value, direction: 'out', column: amountCell.column }
    }
    const dirCell = this.cell(record, 'direction')
    if (dirCell.text !== '') {
      const d = parseDirection(dirCell.text, this.settings.directionValues)
      if (d === undefined) { problem('schema', `direction ${JSON.stringify(dirCell.text)} is not one of 进/出, 借/贷, 收/支, in/out, D/C`, dirCell.column); return undefined }
      return { value: p.value, direction: d, column: amountCell.column }
    }
    if (p.sign !== 0) return { value: p.value, direction: p.sign < 0 ? 'out' : 'in', column: amountCell.column }
    problem('schema', 'no direction: the direction flag is empty and the amount carries no sign', dirCell.column ?? this.column('direction') ?? amountCell.column)
    return undefined
  }

  private hintOwn(record: readonly string[], own: string, row: number): void {
    const holder = this.cell(record, 'holder').text
    const aliasCell = this.cell(record, 'accountAlias')
    const alias = aliasCell.text === '' ? undefined : cleanAccount(aliasCell.text)
    const aliases = alias?.ok && alias.value !== '' && alias.value !== own ? [alias.value] : undefined
    if (holder === '' && aliases === undefined) return
    const key = JSON.stringify([own, holder, aliases ?? []])
    if (this.ownHinted.has(key)) return
    this.ownHinted.add(key)
    this.accounts.push({ id: own, role: 'own', row, ...(holder === '' ? {} : { holder }), ...(aliases ? { aliases } : {}) })
  }

  private hintCounterparty(record: readonly string[], id: string, row: number, direction: Direction, summary: string, channel: string): void {
    const holder = this.cell(record, 'counterpartyName').text
    const bank = this.cell(record, 'counterpartyInstitution').text
    const guess = recogniseInstitution(bank) ?? (holder === '' ? undefined : recogniseInstitution(holder))
    const byName = guess?.kind !== undefined ? guess : undefined
    const kind = byName?.kind ?? (direction === 'out' && inferChannel(`${channel} ${summary}`, direction) === 'pos' ? 'pos_merchant' : undefined)
    const institution = guess?.institution ?? (bank === '' ? undefined : bank)
    if (holder === '' && bank === '' && kind === undefined) return
    this.accounts.push({
      id, role: 'counterparty', row,
      ...(holder === '' ? {} : { holder }),
      ...(institution === undefined ? {} : { institution }),
      ...(bank === '' ? {} : { branch: bank }),
      ...(kind === undefined ? {} : { kind }),
    })
  }

  /** The id of the row's transfer (registered in `usedIds` once the transfer is kept). */
  private proposeId(serial: string, row: number, derived: string): string {
    const id = serial === '' ? `${derived}:r${row}` : serial
    return this.usedIds.has(id) ? `${id}#r${row}` : id
  }

  finish(encoding: StatementImport['encoding'], headerRow: number, rows: number): StatementImport {
    const check = reconcileBalances(this.movements, this.settings.digits)
    const opening = Object.values(check.openingBalances)
    const ownAccounts = new Set(this.movements.map((m) => m.account))
    return {
      transfers: this.transfers, lines: this.lines, accounts: this.accounts, rows,
      invalid: this.invalid, skipped: this.skipped,
      warnings: [...this.warnings, ...check.warnings].sort((a, b) => (a.row ?? 0) - (b.row ?? 0)),
      ...(ownAccounts.size === 1 && opening.length === 1 ? { openingBalance: opening[0]! } : {}),
      openingBalances: check.openingBalances,
      encoding, headerRow,
    }
  }
}

function readStatus(text: string): TransferStatus | undefined {
  if (/^(posted|已入账|入账|已记账|记账|成功|完成|正常)$/i.test(text)) return 'posted'
  if (/^(pending|在途|待入账|处理中|未入账|挂账)$/i.test(text)) return 'pending'
  return undefined
}

