/**
 * Validation of a case header: every field but `transfers` (the top of a JSON case file, the
 * first NDJSON line, the JSON file beside a CSV). Collects every issue; never throws.
 *
 * @module case/_header
 */
import type { Issue } from '../errors/index.js'
import { currencyDigits, CURRENCY_DIGITS, parseBalance, type AmountResult } from './money.js'
import { isValidTimezone, parseTime } from './time.js'
import { show } from './_id.js'
import { schemaIssues } from './_issues.js'
import { amountOf, type TransferContext } from './_transfer.js'
import { AccountSchema, CASE_FILE_KEYS, HeaderFieldsSchema, VictimSchema, type RawHeaderFields } from './schema.js'
import { CASE_FORMAT, type Account, type CaseType, type Victim } from './types.js'

/**
 * Where the header came from: a whole case file (may hold `transfers`) or a header alone (may not).
 *
 * @example
 * checkHeader(JSON.parse(firstLine), 'header' satisfies HeaderMode, {})
 */
export type HeaderMode = 'case' | 'header'

/**
 * Limits on the header's arrays, checked before any of their items is validated.
 *
 * @example
 * const limits: HeaderLimits = { maxAccounts: 100_000, maxVictims: 10_000 }
 */
export interface HeaderLimits {
  readonly maxAccounts?: number | undefined
  readonly maxVictims?: number | undefined
}

/**
 * The scalar fields of a valid header, parsed.
 *
 * @example
 * // { caseId: 'C1', caseType: 'telecom_fraud', currency: 'CNY', timezone: 'Asia/Shanghai', asOf: 1773482400000 }
 */
export interface HeaderFields {
  readonly caseId: string
  readonly caseType: CaseType
  readonly currency: string
  readonly timezone: string
  readonly reportedAt?: number
  readonly asOf?: number
}

/**
 * Result of {@link checkHeader}: what is valid, and the issues with the rest.
 *
 * @example
 * const { issues, context, victims } = checkHeader(raw, 'case', {})
 */
export interface CheckedHeader {
  readonly issues: Issue[]
  /** Nothing else is worth checking: not an object, another format, or a limit exceeded. */
  readonly fatal: boolean
  readonly context: TransferContext
  /** The scalar fields, when all of them are valid. */
  readonly fields: HeaderFields | undefined
  /** The valid accounts. */
  readonly accounts: Account[]
  /** The valid victims, each with its index in `victims[]` (for paths). */
  readonly victims: Array<{ readonly index: number; readonly victim: Victim }>
}

const FALLBACK_CONTEXT: TransferContext = { digits: undefined, timezone: 'UTC' }

/**
 * Validates a case header; the issues carry paths such as `['accounts', 2, 'openingBalance']`.
 *
 * @example
 * checkHeader({ format: 'fundtrace/case@1', caseId: 'C1', caseType: 'telecom_fraud',
 *   currency: 'CNY', timezone: 'Asia/Shanghai', victims: [] }, 'header', {}).issues //=> []
 */
export function checkHeader(raw: unknown, mode: HeaderMode, limits: HeaderLimits): CheckedHeader {
  const issues: Issue[] = []
  const fail = (): CheckedHeader => ({ issues, fatal: true, context: FALLBACK_CONTEXT, fields: undefined, accounts: [], victims: [] })
  if (!isRecord(raw)) {
    issues.push({ code: 'schema', message: `a case ${mode === 'case' ? 'file' : 'header'} must be a JSON object, got ${describe(raw)}`, path: [] })
    return fail()
  }
  if (raw.format !== CASE_FORMAT) {
    const message = raw.format === undefined
      ? `missing "format": a case file starts with "format": ${JSON.stringify(CASE_FORMAT)}`
      : `format ${typeof raw.format === 'string' ? show(raw.format) : describe(raw.format)} is not supported; expected ${JSON.stringify(CASE_FORMAT)}`
    issues.push({ code: 'unsupported_format', message, path: ['format'] })
    return fail()
  }
  const limitIssues = [
    limitIssue(raw.accounts, limits.maxAccounts, 'accounts'),
    limitIssue(raw.victims, limits.maxVictims, 'victims'),
  ].filter((i): i is Issue => i !== undefined)
  if (limitIssues.length > 0) {
    issues.push(...limitIssues)
    return fail()
  }

  for (const key of Object.keys(raw)) {
    if (key === 'transfers' && mode === 'header') {
      issues.push({ code: 'schema', message: 'a header must not contain "transfers": they follow as NDJSON lines or CSV rows', path: [key] })
    } else if (!CASE_FILE_KEYS.has(key) && !key.startsWith('x-')) {
      issues.push({ code: 'schema', message: `unknown field ${show(key)} (extension fields at the top level must start with "x-")`, path: [key] })
    }
  }

  const parsed = HeaderFieldsSchema.safeParse(raw)
  if (!parsed.success) issues.push(...schemaIssues(parsed.error, []))
  const context = checkContext(raw, issues)
  const reportedAt = checkTime(raw.reportedAt, context, ['reportedAt'], issues)
  const asOf = checkTime(raw.asOf, context, ['asOf'], issues)
  const fields = parsed.success && issues.length === 0 ? buildFields(parsed.data, reportedAt, asOf) : undefined

  const accounts = checkAccounts(raw.accounts, context, issues)
  const victims = checkVictims(raw.victims, issues)
  return { issues, fatal: false, context, fields, accounts, victims }
}

function checkContext(raw: Record<string, unknown>, issues: Issue[]): TransferContext {
  let digits: number | undefined
  if (typeof raw.currency === 'string') {
    digits = currencyDigits(raw.currency)
    if (digits === undefined) {
      issues.push({
        code: 'unsupported_currency',
        message: `currency ${show(raw.currency)} is not supported; use one of ${Object.keys(CURRENCY_DIGITS).join(', ')}`,
        path: ['currency'],
      })
    }
  }
  let timezone = 'UTC'
  if (typeof raw.timezone === 'string') {
    if (isValidTimezone(raw.timezone)) timezone = raw.timezone
    else issues.push({ code: 'invalid_timezone', message: `timezone ${show(raw.timezone)} is not an IANA zone name such as "Asia/Shanghai"`, path: ['timezone'] })
  }
  return { digits, timezone }
}

function checkTime(value: unknown, context: TransferContext, path: Array<string | number>, issues: Issue[]): number | undefined {
  if (typeof value !== 'string') return undefined
  const result = parseTime(value, context.timezone)
  if (result.ok) return result.value
  issues.push({ code: result.code, message: result.message, path })
  return undefined
}

function buildFields(data: RawHeaderFields, reportedAt: number | undefined, asOf: number | undefined): HeaderFields {
  const fields: { -readonly [K in keyof HeaderFields]: HeaderFields[K] } = {
    caseId: data.caseId, caseType: data.caseType, currency: data.currency, timezone: data.timezone,
  }
  if (reportedAt !== undefined) fields.reportedAt = reportedAt
  if (asOf !== undefined) fields.asOf = asOf
  return fields
}

function checkAccounts(raw: unknown, context: TransferContext, issues: Issue[]): Account[] {
  const accounts: Account[] = []
  if (raw === undefined) return accounts
  if (!Array.isArray(raw)) {
    issues.push({ code: 'schema', message: `"accounts" must be an array, got ${describe(raw)}`, path: ['accounts'] })
    return accounts
  }
  const seen = new Map<string, { readonly index: number; readonly raw: unknown }>()
  raw.forEach((item: unknown, index) => {
    const path = ['accounts', index]
    const before = issues.length
    const parsed = AccountSchema.safeParse(item)
    if (!parsed.success) issues.push(...schemaIssues(parsed.error, path))
    const fields = isRecord(item) ? item : {}
    let openingBalance = 0n
    if (typeof fields.openingBalance === 'string' || typeof fields.openingBalance === 'number') {
      const result = balanceOf(fields.openingBalance, context.digits)
      if (result.ok) openingBalance = result.value
      else issues.push({ code: result.code, message: result.message, path: [...path, 'openingBalance'] })
    }
    const statementThrough = checkTime(fields.statementThrough, context, [...path, 'statementThrough'], issues)
    if (!parsed.success) return
    const { id } = parsed.data
    const first = seen.get(id)
    if (first !== undefined) {
      issues.push({ code: 'duplicate_id', message: duplicateMessage('account', id, [first.raw, fields.id], `accounts[${first.index}]`), path: [...path, 'id'] })
      return
    }
    seen.set(id, { index, raw: fields.id })
    if (issues.length === before) accounts.push(buildAccount(parsed.data, openingBalance, statementThrough))
  })
  return accounts
}

function buildAccount(data: ReturnType<typeof AccountSchema.parse>, openingBalance: bigint, statementThrough: number | undefined): Account {
  const account: { -readonly [K in keyof Account]: Account[K] } = { id: data.id, kind: data.kind, holderType: data.holderType, openingBalance }
  if (data.holder !== undefined) account.holder = data.holder
  if (data.institution !== undefined) account.institution = data.institution
  if (data.branch !== undefined) account.branch = data.branch
  if (statementThrough !== undefined) account.statementThrough = statementThrough
  return account
}

function checkVictims(raw: unknown, issues: Issue[]): Array<{ index: number; victim: Victim }> {
  const victims: Array<{ index: number; victim: Victim }> = []
  if (!Array.isArray(raw)) {
    issues.push({
      code: 'schema',
      message: raw === undefined ? 'missing required field "victims"' : `"victims" must be an array, got ${describe(raw)}`,
      path: ['victims'],
    })
    return victims
  }
  const seen = new Map<string, { readonly index: number; readonly raw: unknown }>()
  raw.forEach((item: unknown, index) => {
    const path = ['victims', index]
    const parsed = VictimSchema.safeParse(item)
    if (!parsed.success) {
      issues.push(...schemaIssues(parsed.error, path))
      return
    }
    const data = parsed.data
    const fields = isRecord(item) ? item : {}
    const first = seen.get(data.id)
    if (first !== undefined) {
      issues.push({ code: 'duplicate_id', message: duplicateMessage('victim', data.id, [first.raw, fields.id], `victims[${first.index}]`), path: [...path, 'id'] })
      return
    }
    seen.set(data.id, { index, raw: fields.id })
    const before = issues.length
    for (const list of ['accounts', 'transfers'] as const) {
      const inList = new Map<string, number>()
      data[list].forEach((id, j) => {
        const at = inList.get(id)
        if (at === undefined) inList.set(id, j)
        else issues.push({ code: 'duplicate_id', message: `victim ${show(data.id)} lists ${list === 'accounts' ? 'account' : 'transfer'} ${show(id)} twice (also at ${list}[${at}])`, path: [...path, list, j] })
      })
    }
    if (issues.length > before) return
    const victim: { -readonly [K in keyof Victim]: Victim[K] } = { id: data.id, holderType: data.holderType, accounts: data.accounts, transfers: data.transfers }
    if (data.name !== undefined) victim.name = data.name
    victims.push({ index, victim })
  })
  return victims
}

function balanceOf(raw: string | number, digits: number | undefined): AmountResult {
  return digits === undefined ? amountOfBalance(raw) : parseBalance(raw, digits)
}

function amountOfBalance(raw: string | number): AmountResult {
  if (raw === 0 || (typeof raw === 'string' && /^0+(\.0+)?$/.test(raw))) return { ok: true, value: 0n }
  return amountOf(raw, undefined)
}

function limitIssue(value: unknown, max: number | undefined, field: 'accounts' | 'victims'): Issue | undefined {
  if (max === undefined || !Array.isArray(value) || value.length <= max) return undefined
  return { code: 'limit_exceeded', message: `the case has ${value.length} ${field}; the limit is ${max} (option max${field === 'accounts' ? 'Accounts' : 'Victims'})`, path: [field] }
}

/**
 * Message of a `duplicate_id` issue, noting when the ids only collide after NFC normalisation
 * (one of the ids as written, `rawIds`, differs from the normalised `id`).
 *
 * @example
 * duplicateMessage('transfer', 'T1', ['T1'], 'transfers[0]') //=> 'duplicate transfer id "T1" (first at transfers[0])'
 */
export function duplicateMessage(kind: string, id: string, rawIds: readonly unknown[], first: string): string {
  const nfc = rawIds.some((raw) => typeof raw === 'string' && raw !== id) ? ' after Unicode NFC normalisation' : ''
  return `duplicate ${kind} id ${show(id)}${nfc} (first at ${first})`
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value
}
