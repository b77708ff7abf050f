/**
 * Validation of one transfer, shared by the JSON parser and the NDJSON/CSV readers so that
 * every format accepts and refuses exactly the same transfers.
 *
 * A hand-written fast path accepts a valid transfer without zod; anything it does not accept
 * goes through {@link TransferSchema} plus the domain checks, which produce the exact issues.
 * The slow path is the reference: the fast path only ever answers "valid, and here it is".
 *
 * @module case/_transfer
 */
import type { Issue } from '../errors/index.js'
import { parseAmount, type AmountResult } from './money.js'
import { parseTime } from './time.js'
import { fastAmount, fastTime } from './_fast.js'
import { normalizeId } from './_id.js'
import { schemaIssues } from './_issues.js'
import { MAX_SERIAL_LENGTH, TransferSchema } from './schema.js'
import { CHANNELS, type Channel, type Transfer, type TransferStatus } from './types.js'

/**
 * What a transfer's validation needs to know about its case.
 *
 * @example
 * const context: TransferContext = { digits: 2, timezone: 'Asia/Shanghai' }
 */
export interface TransferContext {
  /** Minor digits of the case currency; `undefined` when the currency is unsupported (amounts are then checked for form only). */
  readonly digits: number | undefined
  /** IANA zone for times without offset; a stand-in (`UTC`) when the case's own zone is invalid. */
  readonly timezone: string
}

/**
 * Result of {@link checkTransfer}. `id` is the transfer's id when that field itself is valid.
 *
 * @example
 * const r: TransferCheck = checkTransfer(raw, 0, context)
 * if (!r.ok) console.log(r.id, r.issues)
 */
export type TransferCheck =
  | { readonly ok: true; readonly transfer: Transfer }
  | { readonly ok: false; readonly id: string | undefined; readonly issues: Issue[] }

const CHANNEL_SET: ReadonlySet<string> = new Set(CHANNELS)

/**
 * Validates transfer number `index` of a case: issues have paths `['transfers', index, …]`.
 *
 * @example
 * checkTransfer({ id: 'T1', from: 'A', to: 'B', amount: '1.50', time: '2026-03-14T10:00:00Z' }, 0,
 *   { digits: 2, timezone: 'Asia/Shanghai' })
 * //=> { ok: true, transfer: { id: 'T1', from: 'A', to: 'B', amount: 150n, time: 1773482400000, status: 'posted' } }
 */
export function checkTransfer(raw: unknown, index: number, context: TransferContext): TransferCheck {
  const fast = fastTransfer(raw, context)
  return fast === undefined ? slowTransfer(raw, index, context) : { ok: true, transfer: fast }
}

/**
 * The reference validation alone (zod plus domain checks), without the fast path. Exposed so
 * tests can hold the fast path to it.
 *
 * @example
 * slowTransfer({ id: 'T1' }, 4, { digits: 2, timezone: 'UTC' }).ok //=> false
 */
export function slowTransfer(raw: unknown, index: number, context: TransferContext): TransferCheck {
  const prefix = ['transfers', index] as const
  const parsed = TransferSchema.safeParse(raw)
  const issues = parsed.success ? [] : schemaIssues(parsed.error, prefix)
  const fields = isRecord(raw) ? raw : undefined

  let amount: bigint | undefined
  const rawAmount = fields?.amount
  if (typeof rawAmount === 'string' || typeof rawAmount === 'number') {
    const result = amountOf(rawAmount, context.digits)
    if (result.ok) amount = result.value
    else issues.push({ code: result.code, message: result.message, path: [...prefix, 'amount'] })
  }

  let time: number | undefined
  const rawTime = fields?.time
  if (typeof rawTime === 'string') {
    const result = parseTime(rawTime, context.timezone)
    if (result.ok) time = result.value
    else issues.push({ code: result.code, message: result.message, path: [...prefix, 'time'] })
  }

  const from = typeof fields?.from === 'string' ? normalizeId(fields.from) : undefined
  const to = typeof fields?.to === 'string' ? normalizeId(fields.to) : undefined
  if (from !== undefined && from === to) {
    issues.push({ code: 'self_transfer', message: `transfer goes from account ${JSON.stringify(from)} to itself`, path: [...prefix, 'to'] })
  }

  if (issues.length === 0 && parsed.success && amount !== undefined && time !== undefined) {
    const { id, status, channel, serial } = parsed.data
    return { ok: true, transfer: makeTransfer(id, parsed.data.from, parsed.data.to, amount, time, status, channel, serial) }
  }
  const id = typeof fields?.id === 'string' ? normalizeId(fields.id) : undefined
  return { ok: false, id, issues: issues.sort(byField) }
}

/** A valid transfer built without zod, or `undefined` for "let the slow path decide". */
function fastTransfer(raw: unknown, context: TransferContext): Transfer | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || context.digits === undefined) return undefined
  const fields = raw as Record<string, unknown>
  for (const key in fields) {
    switch (key) {
      case 'id': case 'from': case 'to': case 'amount': case 'time': case 'status': case 'channel': case 'serial':
        continue
      default:
        return undefined
    }
  }
  const { id: rawId, from: rawFrom, to: rawTo, time: rawTime, status: rawStatus, channel, serial } = fields
  if (typeof rawId !== 'string' || typeof rawFrom !== 'string' || typeof rawTo !== 'string' || typeof rawTime !== 'string') return undefined
  const id = normalizeId(rawId)
  const from = normalizeId(rawFrom)
  const to = normalizeId(rawTo)
  if (id === undefined || from === undefined || to === undefined || from === to) return undefined

  let status: TransferStatus
  if (rawStatus === undefined || rawStatus === 'posted') status = 'posted'
  else if (rawStatus === 'pending') status = 'pending'
  else return undefined
  if (channel !== undefined && !(typeof channel === 'string' && CHANNEL_SET.has(channel))) return undefined
  if (serial !== undefined && !(typeof serial === 'string' && serial.length > 0 && serial.length <= MAX_SERIAL_LENGTH)) return undefined

  const amount = fastAmount(fields.amount, context.digits) ?? valueOf(parseAmount(fields.amount, context.digits))
  if (amount === undefined) return undefined
  const time = fastTime(rawTime) ?? valueOf(parseTime(rawTime, context.timezone))
  if (time === undefined) return undefined
  return makeTransfer(id, from, to, amount, time, status, channel as Channel | undefined, serial)
}

function makeTransfer(
  id: string, from: string, to: string, amount: bigint, time: number,
  status: TransferStatus, channel: Channel | undefined, serial: string | undefined,
): Transfer {
  if (channel === undefined && serial === undefined) return { id, from, to, amount, time, status }
  if (serial === undefined) return { id, from, to, amount, time, status, channel }
  if (channel === undefined) return { id, from, to, amount, time, status, serial }
  return { id, from, to, amount, time, status, channel, serial }
}

/**
 * `parseAmount`, or — when the currency is unsupported — a check of the amount's form only
 * (its own number of decimals is accepted and no size limit applies; the case fails anyway).
 *
 * @example
 * amountOf('1.234', undefined) //=> { ok: true, value: 1234n }
 */
export function amountOf(raw: unknown, digits: number | undefined): AmountResult {
  if (digits !== undefined) return parseAmount(raw, digits)
  const dot = typeof raw === 'string' ? raw.indexOf('.') : -1
  const result = parseAmount(raw, dot === -1 || typeof raw !== 'string' ? 0 : raw.length - dot - 1)
  return !result.ok && result.code === 'amount_too_large' ? { ok: true, value: 0n } : result
}

const FIELD_ORDER: ReadonlyMap<unknown, number> = new Map(Object.keys(TransferSchema.shape).map((field, i) => [field, i]))

/** Orders a transfer's issues by field (id, from, to, amount, time, status, channel, serial, then the rest). */
function byField(a: Issue, b: Issue): number {
  return (FIELD_ORDER.get(a.path[2]) ?? FIELD_ORDER.size) - (FIELD_ORDER.get(b.path[2]) ?? FIELD_ORDER.size)
}

function valueOf<T>(result: { readonly ok: true; readonly value: T } | { readonly ok: false }): T | undefined {
  return result.ok ? result.value : undefined
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
