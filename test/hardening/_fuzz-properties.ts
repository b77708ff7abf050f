/**
 * The fuzzing properties of issue 7, shared by `test/hardening/fuzz.test.ts` (a fixed-seed run in
 * `npm test`) and `scripts/fuzz.mjs` (long runs). Every target feeds hostile input to one entry
 * point and accepts exactly two outcomes: a correct result, or a `FundtraceError` with at least
 * one issue (each with a known `code`, a `message` and a `path`). Anything else — another
 * exception, a hang past the per-case budget, a partial or non-conserving report, a CLI run that
 * mixes data and messages — fails the property.
 *
 * Targets: case files (mutated values, mutated/truncated/random text and bytes) through
 * parseCase/safeParseCase and then trace + toReport; the statement importers (police feedback,
 * generic CSV) with mutated rows and random bytes; the NDJSON and CSV case readers on streams;
 * and the CLI `run(argv, io)` in-process with in-memory streams.
 */
import fc from 'fast-check'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable, Writable } from 'node:stream'
import { isDeepStrictEqual } from 'node:util'
import { parse as parseCsvSync } from 'csv-parse/sync'
import { idProblem } from '../../src/case/_id.js'
import { currencyDigits, MAX_TRANSFER_MINOR } from '../../src/case/money.js'
import { parseCase, safeParseCase, type ParseCaseOptions, type SafeParseCaseResult } from '../../src/case/parse.js'
import { serializeCase } from '../../src/case/serialize.js'
import { isValidTimezone, parseTime } from '../../src/case/time.js'
import type { Case } from '../../src/case/types.js'
import { run } from '../../src/cli/run.js'
import { isFundtraceError, type Issue } from '../../src/errors/index.js'
import { readCaseStream, safeReadCaseStream, type ReadCaseStreamOptions } from '../../src/io/read-case.js'
import { importPoliceFeedback, type PoliceFeedbackOptions } from '../../src/io/statements/police.js'
import { importStatementCsv, type GenericStatementOptions } from '../../src/io/statements/generic.js'
import type { StatementImport } from '../../src/io/statements/types.js'
import { toReport } from '../../src/report/index.js'
import { METHODS, type Method, type Report } from '../../src/report/types.js'
import { trace } from '../../src/trace/index.js'
import type { TraceResult } from '../../src/trace/types.js'
import { headerOf, rawCaseArb, validRaw, type Json, type RawObject } from '../case/_raw.js'
import { encodeGbk } from '../io/statements/_gbk.js'

// ─── settings ────────────────────────────────────────────────────────────────────────────────

/** Total cases, seed and per-case time budget of a fuzz run. */
export interface FuzzSettings {
  readonly runs: number
  readonly seed: number
  readonly budgetMs: number
}

/** Defaults of `npm test`: 5,000 cases, a fixed seed, 5 s per case. */
export const DEFAULT_SETTINGS: FuzzSettings = { runs: 5_000, seed: 20_260_314, budgetMs: 5_000 }

/** Settings from `FUZZ_RUNS`, `FUZZ_SEED`, `FUZZ_BUDGET_MS` (defaults otherwise). */
export function fuzzSettings(env: Record<string, string | undefined> = process.env): FuzzSettings {
  const int = (name: string, fallback: number): number => {
    const text = env[name]
    if (text === undefined || text === '') return fallback
    const value = Number(text)
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got ${JSON.stringify(text)}`)
    return value
  }
  return { runs: int('FUZZ_RUNS', DEFAULT_SETTINGS.runs), seed: int('FUZZ_SEED', DEFAULT_SETTINGS.seed), budgetMs: int('FUZZ_BUDGET_MS', DEFAULT_SETTINGS.budgetMs) }
}

/** What a case ended in (counted per target). */
export type Outcome = string

/** One fuzz target: an arbitrary of inputs and the check of the only allowed outcomes. */
export interface FuzzTarget<T = unknown> {
  readonly name: string
  /** Share of the total runs. */
  readonly weight: number
  readonly arbitrary: fc.Arbitrary<T>
  readonly check: (input: T) => Outcome | Promise<Outcome>
}

/** Splits `total` runs over the targets by weight (at least one each when total ≥ targets). */
export function runsPerTarget(total: number, targets: readonly FuzzTarget<never>[] = TARGETS): Map<string, number> {
  const weights = targets.reduce((s, t) => s + t.weight, 0)
  const out = new Map<string, number>()
  let given = 0
  for (const t of targets) {
    const n = Math.floor((total * t.weight) / weights)
    out.set(t.name, n)
    given += n
  }
  for (let i = 0; given < total; i = (i + 1) % targets.length, given++) out.set(targets[i]!.name, out.get(targets[i]!.name)! + 1)
  return out
}

/** Seed of one target: the run's seed, offset per target so targets do not share streams. */
export function targetSeed(seed: number, name: string): number {
  let h = seed | 0
  for (let i = 0; i < name.length; i++) h = (Math.imul(h, 31) + name.charCodeAt(i)) | 0
  return h
}

/**
 * The fast-check property of a target: the check under a time budget, each outcome tallied.
 *
 * @example
 * await fc.assert(fuzzProperty(TARGETS[0], 5000, new Map()), { numRuns: 100, seed: 1 })
 */
export function fuzzProperty<T>(target: FuzzTarget<T>, budgetMs: number, tally: Map<Outcome, number>, onCase?: (index: number, input: T) => void): fc.IAsyncPropertyWithHooks<[T]> {
  let index = 0
  return fc.asyncProperty(target.arbitrary, async (input) => {
    onCase?.(index++, input)
    const outcome = await withBudget(() => target.check(input), budgetMs, target.name)
    tally.set(outcome, (tally.get(outcome) ?? 0) + 1)
  })
}

/**
 * Runs `fn` and fails when it has no outcome within `ms` (a pending promise: a hang) or took
 * longer (synchronous work cannot be interrupted, but is measured).
 */
export async function withBudget<T>(fn: () => T | Promise<T>, ms: number, what: string): Promise<T> {
  const start = performance.now()
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no outcome within ${ms} ms (hang)`)), ms)
  })
  try {
    const result = await Promise.race([Promise.resolve().then(fn), timeout])
    const elapsed = performance.now() - start
    if (elapsed > ms) throw new Error(`${what}: took ${elapsed.toFixed(0)} ms, over the ${ms} ms budget`)
    return result
  } finally {
    clearTimeout(timer)
  }
}

// ─── assertions ──────────────────────────────────────────────────────────────────────────────

class PropertyFailure extends Error {
  override readonly name = 'PropertyFailure'
}

function assert(condition: unknown, message: string | (() => string)): asserts condition {
  if (!condition) throw new PropertyFailure(typeof message === 'string' ? message : message())
}

const ISSUE_CODES: ReadonlySet<string> = new Set([
  'invalid_json', 'invalid_csv', 'unsupported_format', 'schema', 'invalid_amount', 'amount_precision', 'amount_not_positive',
  'amount_too_large', 'unsupported_currency', 'invalid_time', 'invalid_timezone', 'duplicate_id', 'self_transfer', 'unknown_transfer',
  'unknown_victim', 'unknown_account', 'not_victim_transfer', 'out_of_scope', 'limit_exceeded', 'invalid_option', 'io_error', 'conflicting_duplicate',
])
const SKIP_REASONS: ReadonlySet<string> = new Set(['blank_row', 'summary_row', 'zero_amount', 'failed', 'other_currency', 'self_transfer', 'cash', 'no_counterparty'])

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}\n${error.stack ?? ''}`
  return `non-Error thrown: ${String(error)}`
}

/** Checks one issue: a known code, a non-empty message, a path of keys and indices, sane coordinates. */
function checkIssue(issue: Issue, where: string): void {
  const shown = (): string => `${where}: ${safeJson(issue)}`
  assert(typeof issue === 'object' && issue !== null, () => `${where}: issue is not an object`)
  assert(ISSUE_CODES.has(issue.code), () => `unknown issue code in ${shown()}`)
  assert(typeof issue.message === 'string' && issue.message.length > 0, () => `empty message in ${shown()}`)
  assert(Array.isArray(issue.path) && issue.path.every((p) => typeof p === 'string' || (typeof p === 'number' && Number.isSafeInteger(p) && p >= 0)), () => `bad path in ${shown()}`)
  for (const key of ['row', 'line'] as const) {
    const value = issue[key]
    assert(value === undefined || (Number.isSafeInteger(value) && value >= 1), () => `bad ${key} in ${shown()}`)
  }
  assert(issue.column === undefined || typeof issue.column === 'string', () => `bad column in ${shown()}`)
}

/** A FundtraceError with ≥ 1 well-formed issue, or the property fails with what was thrown. */
function assertFundtraceError(error: unknown, where: string): asserts error is { issues: readonly Issue[]; message: string } {
  assert(isFundtraceError(error), () => `${where}: threw something else than a FundtraceError: ${describeError(error)}`)
  assert(error.issues.length >= 1, `${where}: FundtraceError without issues`)
  assert(typeof error.message === 'string' && error.message.length > 0, `${where}: FundtraceError without message`)
  for (const issue of error.issues) checkIssue(issue, where)
}

/** Runs `fn`; a FundtraceError is returned as `{ error }`, anything else thrown fails the property. */
function attempt<T>(fn: () => T, where: string): { ok: true; value: T } | { ok: false; error: { issues: readonly Issue[] } } {
  try {
    return { ok: true, value: fn() }
  } catch (error) {
    assertFundtraceError(error, where)
    return { ok: false, error }
  }
}

function safeJson(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))
    return text === undefined ? String(value) : text.length > 600 ? `${text.slice(0, 600)}…` : text
  } catch {
    return String(value)
  }
}

/** A short description of a (possibly huge) input for counterexample messages. */
function summarize(value: unknown): string {
  if (typeof value === 'string') return value.length > 300 ? `${JSON.stringify(value.slice(0, 300))}… (${value.length} chars)` : JSON.stringify(value)
  if (value instanceof Uint8Array) return `bytes(${value.length}) ${Buffer.from(value.subarray(0, 120)).toString('hex')}${value.length > 120 ? '…' : ''}`
  return safeJson(value)
}

function withToString<T extends object>(value: T, text: () => string): T {
  Object.defineProperty(value, fc.toStringMethod, { value: text, enumerable: false })
  return value
}

// ─── checks of a parsed case, a trace and a report ───────────────────────────────────────────

const ISO_OUT = /^-?\d{4,6}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?[+-]\d{2}:\d{2}$/

/** A Case satisfies what DESIGN.md §2 promises about parsed cases. */
function checkParsedCase(c: Case, where: string): void {
  const digits = currencyDigits(c.currency)
  assert(digits !== undefined, `${where}: unsupported currency ${c.currency} accepted`)
  assert(isValidTimezone(c.timezone), `${where}: invalid timezone accepted`)
  assert(idProblem(c.caseId) === undefined, `${where}: caseId breaks the identifier rule`)
  for (const t of [c.reportedAt, c.asOf]) assert(t === undefined || Number.isFinite(t), `${where}: non-finite header time`)
  const ids = new Set<string>()
  const byId = new Map<string, Case['transfers'][number]>()
  for (const t of c.transfers) {
    assert(!ids.has(t.id), () => `${where}: duplicate transfer id ${JSON.stringify(t.id)} accepted`)
    ids.add(t.id)
    byId.set(t.id, t)
    for (const id of [t.id, t.from, t.to]) assert(idProblem(id) === undefined, () => `${where}: id ${JSON.stringify(id)} breaks the identifier rule`)
    assert(t.from !== t.to, () => `${where}: self transfer ${t.id} accepted`)
    assert(typeof t.amount === 'bigint' && t.amount > 0n && t.amount <= MAX_TRANSFER_MINOR, () => `${where}: amount ${String(t.amount)} of ${t.id} accepted`)
    assert(Number.isFinite(t.time) && Number.isInteger(t.time), () => `${where}: time ${t.time} of ${t.id}`)
    assert(t.status === 'posted' || t.status === 'pending', `${where}: status`)
  }
  const accountIds = new Set<string>()
  for (const a of c.accounts) {
    assert(!accountIds.has(a.id), `${where}: duplicate account accepted`)
    accountIds.add(a.id)
    assert(idProblem(a.id) === undefined, `${where}: account id breaks the identifier rule`)
    assert(typeof a.openingBalance === 'bigint' && a.openingBalance >= 0n, `${where}: negative opening balance`)
    assert(a.statementThrough === undefined || Number.isFinite(a.statementThrough), `${where}: statementThrough`)
  }
  const victimIds = new Set<string>()
  const claimed = new Set<string>()
  for (const v of c.victims) {
    assert(!victimIds.has(v.id), `${where}: duplicate victim accepted`)
    victimIds.add(v.id)
    const own = new Set(v.accounts)
    for (const id of v.transfers) {
      const t = byId.get(id)
      assert(t !== undefined, () => `${where}: victim ${v.id} names missing transfer ${id}`)
      assert(own.has(t.from), () => `${where}: victim transfer ${id} does not leave the victim's account`)
      assert(!claimed.has(id), () => `${where}: transfer ${id} claimed twice`)
      claimed.add(id)
    }
  }
}

function decimal(text: unknown, digits: number, where: string): bigint {
  const pattern = digits === 0 ? /^\d+$/ : new RegExp(`^\\d+\\.\\d{${digits}}$`)
  assert(typeof text === 'string' && pattern.test(text), () => `${where}: amount ${JSON.stringify(text)} is not a non-negative decimal with ${digits} digits`)
  return BigInt(text.replace('.', ''))
}

function checkTime(text: unknown, where: string, expected?: number): void {
  assert(typeof text === 'string' && ISO_OUT.test(text), () => `${where}: time ${JSON.stringify(text)} is not ISO 8601 with offset`)
  const back = parseTime(text, 'UTC')
  assert(back.ok, () => `${where}: time ${text} does not parse back`)
  if (expected !== undefined) assert(back.value === expected, () => `${where}: time ${text} reads back as ${back.value}, not ${expected}`)
}

/** The trace result conserves every victim's loss, and the accounts add up to what the victims hold. */
function checkTraceResult(c: Case, result: TraceResult, asOf: number | null | undefined): void {
  const byId = new Map(c.transfers.map((t) => [t.id, t]))
  const cut = asOf === undefined ? (c.asOf ?? null) : asOf
  assert(result.victims.length === c.victims.length, 'trace: a victim is missing from the result')
  const heldInAccounts = new Map<string, bigint>()
  for (const a of result.accounts) {
    let total = 0n
    for (const [v, amount] of a.held) {
      assert(amount >= 0n, () => `trace: negative held ${amount} of ${v} at ${a.id}`)
      heldInAccounts.set(v, (heldInAccounts.get(v) ?? 0n) + amount)
      total += amount
    }
    assert(total === a.heldTotal, () => `trace: heldTotal of ${a.id} is ${a.heldTotal}, its victims hold ${total}`)
    assert(Number.isSafeInteger(a.level) && a.level >= 1, `trace: level`)
  }
  for (const v of result.victims) {
    const source = c.victims.find((x) => x.id === v.id)
    assert(source !== undefined, `trace: unknown victim ${v.id}`)
    let loss = 0n
    for (const id of source.transfers) {
      const t = byId.get(id)!
      if (cut === null || t.time <= cut) loss += t.amount
    }
    assert(v.loss === loss, () => `trace: loss of ${v.id} is ${v.loss}, its transfers in force sum to ${loss}`)
    for (const part of [v.held, v.exited, v.returned, v.beyond]) assert(part >= 0n, () => `trace: negative part in ${safeJson(v)}`)
    assert(v.held + v.exited + v.returned + v.beyond === v.loss, () => `trace: ${v.id} does not conserve: ${safeJson(v)}`)
    assert((heldInAccounts.get(v.id) ?? 0n) === v.held, () => `trace: accounts hold ${heldInAccounts.get(v.id) ?? 0n} of ${v.id}, the victim sheet says ${v.held}`)
  }
}

/** A complete, conserving fundtrace/report@1, as JSON text. */
function checkReportJson(report: unknown, c: Case | undefined, where: string): void {
  assert(typeof report === 'object' && report !== null, `${where}: report is not an object`)
  const r = report as Report
  assert(r.format === 'fundtrace/report@1', () => `${where}: format ${String(r.format)}`)
  for (const key of ['caseId', 'caseType', 'currency', 'method'] as const) assert(typeof r[key] === 'string', `${where}: ${key} missing`)
  for (const key of ['victims', 'accounts', 'actions', 'nextQueries', 'warnings'] as const) assert(Array.isArray(r[key]), `${where}: ${key} missing (partial report)`)
  const digits = currencyDigits(r.currency)
  assert(digits !== undefined, `${where}: currency`)
  if (c !== undefined) {
    assert(r.caseId === c.caseId && r.currency === c.currency, `${where}: case header not carried`)
    assert(isDeepStrictEqual(r.victims.map((v) => v.id).sort(), c.victims.map((v) => v.id).sort()), `${where}: victims missing from the report`)
  }
  const heldIn = new Map<string, bigint>()
  for (const a of r.accounts) {
    let total = 0n
    for (const [v, text] of Object.entries(a.held)) {
      const amount = decimal(text, digits, `${where}: accounts[${a.id}].held`)
      heldIn.set(v, (heldIn.get(v) ?? 0n) + amount)
      total += amount
    }
    assert(total === decimal(a.heldTotal, digits, where), () => `${where}: heldTotal of ${a.id}`)
    for (const text of Object.values(a.received)) decimal(text, digits, `${where}: received`)
    checkTime(a.firstArrival, `${where}: firstArrival`)
    checkTime(a.lastArrival, `${where}: lastArrival`)
    if (a.statementThrough !== undefined) checkTime(a.statementThrough, `${where}: statementThrough`)
  }
  for (const v of r.victims) {
    const [loss, held, exited, returned, beyond] = [v.loss, v.held, v.exited, v.returned, v.beyond].map((x) => decimal(x, digits, `${where}: victim ${v.id}`)) as [bigint, bigint, bigint, bigint, bigint]
    assert(loss === held + exited + returned + beyond, () => `${where}: victim ${v.id}: loss ${v.loss} ≠ held ${v.held} + exited ${v.exited} + returned ${v.returned} + beyond ${v.beyond}`)
    assert((heldIn.get(v.id) ?? 0n) === held, () => `${where}: accounts hold ${heldIn.get(v.id) ?? 0n} of ${v.id}, the victim sheet says ${held}`)
  }
  r.actions.forEach((a, i) => {
    assert(a.rank === i + 1, `${where}: action ranks are not 1..n`)
    decimal(a.amount, digits, `${where}: action amount`)
  })
  for (const q of r.nextQueries) {
    checkTime(q.from, `${where}: nextQueries.from`)
    checkTime(q.to, `${where}: nextQueries.to`)
  }
  if (r.options.asOf !== null) checkTime(r.options.asOf, `${where}: options.asOf`)
}

export interface TraceChoice {
  readonly method: Method
  readonly maxLevel: number | null
  /** Minutes after the earliest transfer, or undefined for the case's own asOf. */
  readonly asOfMinutes: number | undefined
  readonly evidence: boolean
}

const traceChoiceArb: fc.Arbitrary<TraceChoice> = fc.record({
  method: fc.constantFrom(...METHODS),
  maxLevel: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 4 })),
  asOfMinutes: fc.option(fc.integer({ min: -10, max: 60 * 24 * 40 }), { nil: undefined }),
  evidence: fc.boolean(),
})

/** Traces a parsed case and checks the result and its report; returns the outcome. */
function traceAndReport(c: Case, choice: TraceChoice, where: string): Outcome {
  const first = c.transfers.reduce((m, t) => Math.min(m, t.time), Number.POSITIVE_INFINITY)
  const asOf = choice.asOfMinutes === undefined || !Number.isFinite(first) ? undefined : first + choice.asOfMinutes * 60_000
  const traced = attempt(() => trace(c, { method: choice.method, maxLevel: choice.maxLevel, ...(asOf === undefined ? {} : { asOf }) }), `${where}: trace`)
  if (!traced.ok) return 'trace-refused'
  checkTraceResult(c, traced.value, asOf)
  const options = { evidence: choice.evidence, flows: choice.evidence }
  const reported = attempt(() => toReport(traced.value, options), `${where}: toReport`)
  if (!reported.ok) return 'report-refused'
  let text: string
  try {
    text = JSON.stringify(reported.value)
  } catch (error) {
    throw new PropertyFailure(`${where}: the report is not JSON-serialisable: ${describeError(error)}`)
  }
  checkReportJson(JSON.parse(text), c, `${where}: report`)
  for (const a of traced.value.accounts) {
    const row = reported.value.accounts.find((x) => x.id === a.id)
    assert(row !== undefined, `${where}: account ${a.id} missing from the report`)
    checkTime(row.firstArrival, `${where}: firstArrival of ${a.id}`, a.firstArrival)
    checkTime(row.lastArrival, `${where}: lastArrival of ${a.id}`, a.lastArrival)
  }
  assert(JSON.stringify(toReport(traced.value, options)) === text, `${where}: toReport is not deterministic`)
  return 'traced'
}

// ─── hostile values ──────────────────────────────────────────────────────────────────────────

const AMOUNTS: readonly unknown[] = [
  '0', '0.00', '00', '-1', '-0.01', '+5', '1e5', '1E5', '5.', '.5', '1.001', '1,000.00', ' 5', '5 ', '１２', '٣', 'NaN', 'Infinity', '-Infinity',
  '0x10', '1_000', '99999999999999999999999', '10000000000000.00', '10000000000000.01', '9'.repeat(400), `1.${'0'.repeat(400)}`, '',
  '0.0000000000000000001', '007', '5\n', 0, -0, -5, 0.5, 1e21, 2 ** 53, 2 ** 53 + 2, 10_000_000_000_000, 10_000_000_000_001, Number.MAX_VALUE, Number.MIN_VALUE,
  NaN, Infinity, -Infinity, 10n, true, null, [], {}, ['5'], { value: '5' },
]

const TIMES: readonly unknown[] = [
  '2026-03-14', '2026-03-14T10', '2026-03-14T10:00', '2026-02-29T10:00:00Z', '2024-02-29T23:59:59.999Z', '2026-03-14T24:00:00Z',
  '2026-03-14T10:00:60Z', '2026-03-14T10:00:00.1234Z', '2026-03-14T10:00:00+8:00', '2026-03-14T10:00:00+23:59', '2026-03-14T10:00:00-23:59',
  '2026-03-14T10:00:00+24:00', '2026-03-14 10:00:00', '20260314T100000Z', ' 2026-03-14T10:00:00Z', '2026-03-14T10:00:00z',
  '２０２６-03-14T10:00:00Z', '0000-01-01T00:00:00+08:00', '0000-01-01T00:00:00+23:59', '0001-01-01T00:00:00Z', '0099-12-31T23:59:59Z',
  '9999-12-31T23:59:59.999-23:59', '1969-12-31T23:59:59.999Z', '1970-01-01T00:00:00Z', '2026-03-08T02:30:00', '2026-11-01T01:30:00',
  '2026-03-29T02:30:00', '2026-03-14T10:00:00.000+00:00', '2026-13-01T00:00:00Z', '2026-00-10T00:00:00Z', '', 0, 1773453731000, null, true,
]

const TIMEZONES: readonly unknown[] = [
  'UTC', 'utc', 'Etc/GMT+12', 'Etc/GMT-14', '+08:00', 'America/New_York', 'Europe/London', 'Asia/Kathmandu', 'Pacific/Chatham',
  'Antarctica/Troll', 'Pacific/Kiritimati', 'America/St_Johns', 'Factory', 'EST5EDT', 'Asia/Calcutta', 'asia/shanghai', 'x'.repeat(65),
  '', 'Mars/Olympus', 'Asia/Shanghai ', 8, null,
]

const CURRENCIES: readonly unknown[] = ['CNY', 'JPY', 'USD', 'GBP', 'cny', 'XXX', '', '__proto__', 'toString', 'constructor', 'hasOwnProperty', 1, null]

const STRINGS: readonly string[] = [
  '', ' ', '\u0000', '\uD800', '\uDC00x', 'e\u0301', 'Jos\u00e9', 'Jose\u0301', '__proto__', 'constructor', 'toString', 'prototype',
  'x'.repeat(256), 'x'.repeat(257), 'A\u200B', '\u202Eevil', '\uFEFFT1', 'T1 ', 'T1\n', '\t', '\u0085', '💥', '账户甲', 'posted', 'pending',
  'cash', 'external', 'payment_platform', 'pos_merchant', 'bank', 'trade_dispute', 'online_banking_theft', 'telecom_fraud', 'organisation',
  'individual', 'counter', 'cross_border_in', 'fundtrace/case@1', 'fundtrace/case@2', 'T1', 'T2', 'V1', 'V2', '6222020200004321',
]

/** Values JSON cannot carry but a caller handing a value to parseCase can. */
const JS_ONLY: readonly unknown[] = [undefined, NaN, Infinity, -0, 10n, new Date(0), new Map([['a', 1]]), Object.create(null), [, 1], () => 1, Symbol('s')]

const hostileValueArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...AMOUNTS, ...TIMES, ...TIMEZONES, ...CURRENCIES, ...STRINGS) },
  { weight: 1, arbitrary: fc.constantFrom(...JS_ONLY) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.oneof(fc.double(), fc.integer(), fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((n) => Number(n))) },
)

// ─── case mutations ──────────────────────────────────────────────────────────────────────────

type Path = Array<string | number>

/** Paths (keys and indices) into a value, breadth-first, not below `maxDepth`, at most `limit`. */
function pathsOf(root: unknown, maxDepth = 5, limit = 4_000): Path[] {
  const out: Path[] = [[]]
  const queue: Array<[unknown, Path]> = [[root, []]]
  for (let q = 0; q < queue.length && out.length < limit; q++) {
    const [value, path] = queue[q]!
    if (path.length >= maxDepth || typeof value !== 'object' || value === null) continue
    const entries: Array<[string | number, unknown]> = Array.isArray(value) ? Array.from(value, (v: unknown, i): [number, unknown] => [i, v]) : Object.entries(value)
    for (const [key, child] of entries) {
      const childPath = [...path, key]
      out.push(childPath)
      queue.push([child, childPath])
    }
  }
  return out
}

function getAt(root: unknown, path: Path): unknown {
  let value = root
  for (const key of path) value = (value as Record<string | number, unknown>)?.[key]
  return value
}

/** Sets (or deletes, with `del`) the value at `path`; a root path replaces nothing. */
function setAt(root: unknown, path: Path, value: unknown, del = false): void {
  if (path.length === 0) return
  const parent = getAt(root, path.slice(0, -1))
  if (typeof parent !== 'object' || parent === null) return
  const key = path[path.length - 1]!
  if (del) {
    if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1)
    else delete (parent as Record<string, unknown>)[key]
  } else {
    ;(parent as Record<string | number, unknown>)[key] = value
  }
}

function stringLeaves(root: unknown): Path[] {
  return pathsOf(root).filter((p) => typeof getAt(root, p) === 'string')
}

const KINDS = ['bank', 'payment_platform', 'pos_merchant', 'cash', 'external', 'atm', '', null] as const

type Op =
  | { readonly kind: 'replace'; readonly at: number; readonly value: unknown }
  | { readonly kind: 'delete'; readonly at: number }
  | { readonly kind: 'typeSwap'; readonly at: number; readonly to: 'string' | 'number' | 'array' | 'object' | 'null' | 'boolean' }
  | { readonly kind: 'duplicate'; readonly at: number }
  | { readonly kind: 'collide'; readonly at: number; readonly from: number }
  | { readonly kind: 'amount'; readonly at: number; readonly value: unknown }
  | { readonly kind: 'time'; readonly at: number; readonly field: 'time' | 'asOf' | 'reportedAt' | 'statementThrough'; readonly value: unknown }
  | { readonly kind: 'header'; readonly field: 'timezone' | 'currency' | 'caseType' | 'format' | 'caseId'; readonly value: unknown }
  | { readonly kind: 'self'; readonly at: number }
  | { readonly kind: 'shareAccount'; readonly at: number; readonly from: number }
  | { readonly kind: 'claim'; readonly at: number; readonly from: number }
  | { readonly kind: 'accountKind'; readonly at: number; readonly value: unknown; readonly balance: unknown }
  | { readonly kind: 'protoKey'; readonly at: number }
  | { readonly kind: 'deep'; readonly at: number; readonly depth: number; readonly shape: 'array' | 'object' }
  | { readonly kind: 'long'; readonly at: number; readonly length: number; readonly char: string }
  | { readonly kind: 'many'; readonly at: number; readonly count: number }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: hostileValueArb }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('typeSwap' as const), at: fc.nat(), to: fc.constantFrom('string', 'number', 'array', 'object', 'null', 'boolean') as fc.Arbitrary<'string'> }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('collide' as const), at: fc.nat(), from: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('amount' as const), at: fc.nat(), value: fc.constantFrom(...AMOUNTS) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('time' as const), at: fc.nat(), field: fc.constantFrom('time', 'asOf', 'reportedAt', 'statementThrough') as fc.Arbitrary<'time'>, value: fc.constantFrom(...TIMES) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('header' as const), field: fc.constantFrom('timezone', 'currency', 'caseType', 'format', 'caseId') as fc.Arbitrary<'timezone'>, value: fc.oneof(fc.constantFrom(...TIMEZONES, ...CURRENCIES, ...STRINGS), hostileValueArb) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('self' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('shareAccount' as const), at: fc.nat(), from: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('claim' as const), at: fc.nat(), from: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('accountKind' as const), at: fc.nat(), value: fc.constantFrom(...KINDS), balance: fc.constantFrom(undefined, '0', '0.00', '100.00', '1.001', '-1', 5, 'x') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('protoKey' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deep' as const), at: fc.nat(), depth: fc.integer({ min: 10, max: 20_000 }), shape: fc.constantFrom('array', 'object') as fc.Arbitrary<'array'> }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('long' as const), at: fc.nat(), length: fc.integer({ min: 257, max: 200_000 }), char: fc.constantFrom('9', 'a', '\u0301', ' ', '💥', '.', '0') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('many' as const), at: fc.nat(), count: fc.integer({ min: 50, max: 2_000 }) }) },
)

function deepValue(depth: number, shape: 'array' | 'object'): unknown {
  let value: unknown = 'bottom'
  for (let i = 0; i < depth; i++) value = shape === 'array' ? [value] : { d: value }
  return value
}

function swapType(value: unknown, to: string): unknown {
  switch (to) {
    case 'string': return typeof value === 'string' ? `${value}x` : safeJson(value)
    case 'number': return typeof value === 'string' ? (Number(value) || value.length) : typeof value === 'number' ? String(value) : 1
    case 'array': return Array.isArray(value) ? Object.fromEntries(value.map((v, i) => [i, v])) : [value]
    case 'object': return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.values(value) : { value }
    case 'null': return null
    default: return typeof value === 'boolean' ? !value : true
  }
}

function itemAt(raw: RawObject, list: string, at: number): Record<string, unknown> | undefined {
  const items = raw[list]
  if (!Array.isArray(items) || items.length === 0) return undefined
  const item = items[at % items.length]
  return typeof item === 'object' && item !== null && !Array.isArray(item) ? item as Record<string, unknown> : undefined
}

/** Applies one mutation in place. Big values (deep, long, many) are not cloned afterwards. */
function applyOp(raw: RawObject, op: Op): void {
  const pick = (at: number, paths: Path[] = pathsOf(raw)): Path => paths[at % paths.length]!
  switch (op.kind) {
    case 'replace': setAt(raw, pick(op.at), op.value); break
    case 'delete': setAt(raw, pick(op.at), undefined, true); break
    case 'typeSwap': { const p = pick(op.at); setAt(raw, p, swapType(getAt(raw, p), op.to)); break }
    case 'duplicate': {
      const p = pick(op.at)
      const parent = getAt(raw, p.slice(0, -1))
      const key = p[p.length - 1]
      if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 0, structuredCloneSafe(parent[key]))
      else if (typeof parent === 'object' && parent !== null && key !== undefined) (parent as Record<string, unknown>)[`${String(key)}_copy`] = (parent as Record<string, unknown>)[key]
      break
    }
    case 'collide': {
      const leaves = stringLeaves(raw)
      if (leaves.length === 0) break
      setAt(raw, pick(op.at, leaves), getAt(raw, pick(op.from, leaves)))
      break
    }
    case 'amount': { const t = itemAt(raw, 'transfers', op.at); if (t) t.amount = op.value; break }
    case 'time': {
      if (op.field === 'asOf' || op.field === 'reportedAt') raw[op.field] = op.value as Json
      else if (op.field === 'time') { const t = itemAt(raw, 'transfers', op.at); if (t) t.time = op.value }
      else { const a = itemAt(raw, 'accounts', op.at); if (a) a.statementThrough = op.value }
      break
    }
    case 'header': (raw as Record<string, unknown>)[op.field] = op.value; break
    case 'self': { const t = itemAt(raw, 'transfers', op.at); if (t) t.to = t.from; break }
    case 'shareAccount': {
      const v = itemAt(raw, 'victims', op.at)
      const t = itemAt(raw, 'transfers', op.from)
      const w = itemAt(raw, 'victims', op.from)
      if (v && Array.isArray(v.accounts)) v.accounts.push(op.from % 2 === 0 && t ? t.to : Array.isArray(w?.accounts) ? w.accounts[0] : 'X')
      break
    }
    case 'claim': {
      const v = itemAt(raw, 'victims', op.at)
      const t = itemAt(raw, 'transfers', op.from)
      if (v && Array.isArray(v.transfers) && t) v.transfers.push(t.id)
      break
    }
    case 'accountKind': {
      const t = itemAt(raw, 'transfers', op.at)
      const ids = t ? [t.from, t.to] : ['X']
      const accounts = Array.isArray(raw.accounts) ? raw.accounts : (raw.accounts = [])
      const account: Record<string, unknown> = { id: ids[op.at % 2], kind: op.value }
      if (op.balance !== undefined) account.openingBalance = op.balance
      ;(accounts as unknown[]).push(account)
      break
    }
    case 'protoKey': {
      const objects = pathsOf(raw).filter((p) => { const v = getAt(raw, p); return typeof v === 'object' && v !== null && !Array.isArray(v) })
      const target = getAt(raw, pick(op.at, objects)) as Record<string, unknown>
      Object.defineProperty(target, '__proto__', { value: { polluted: true, id: 'P' }, enumerable: true, configurable: true, writable: true })
      break
    }
    case 'deep': setAt(raw, pick(op.at), deepValue(op.depth, op.shape)); break
    case 'long': setAt(raw, pick(op.at), op.char.repeat(Math.ceil(op.length / op.char.length))); break
    case 'many': {
      const p = pick(op.at)
      const value = getAt(raw, p)
      setAt(raw, p, Array.from({ length: op.count }, (_, i) => (typeof value === 'string' ? `${value}${i % 3 === 0 ? '' : i}` : structuredCloneSafe(value))))
      break
    }
  }
}

function structuredCloneSafe<T>(value: T): T {
  try {
    return structuredClone(value)
  } catch {
    return value
  }
}

const BIG_OPS = new Set(['deep', 'long', 'many'])

/** A valid raw case with 1–4 mutations; big values are inserted last. */
const mutatedRawArb: fc.Arbitrary<{ raw: RawObject; ops: Op[] }> = fc
  .tuple(fc.oneof({ weight: 4, arbitrary: rawCaseArb }, { weight: 1, arbitrary: fc.constant(null) }), fc.array(opArb, { minLength: 0, maxLength: 4 }))
  .map(([base, ops]) => {
    const raw = base === null ? validRaw() : (structuredClone(base) as RawObject)
    const ordered = [...ops.filter((o) => !BIG_OPS.has(o.kind)), ...ops.filter((o) => BIG_OPS.has(o.kind))]
    for (const op of ordered) applyOp(raw, op)
    return { raw, ops: ordered }
  })

type InputForm = 'value' | 'text' | 'bytes' | 'bom-text' | 'bom-bytes'

function toJsonText(value: unknown): string | undefined {
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))
  } catch {
    return undefined
  }
}

function asForm(value: unknown, form: InputForm): unknown {
  if (form === 'value') return value
  const text = toJsonText(value)
  if (text === undefined) return value
  if (form === 'text') return text
  if (form === 'bom-text') return `\uFEFF${text}`
  const bytes = Buffer.from(text, 'utf8')
  return form === 'bytes' ? new Uint8Array(bytes) : new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]))
}

const parseOptionsArb: fc.Arbitrary<ParseCaseOptions> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ onInvalid: fc.constantFrom('throw', 'collect') as fc.Arbitrary<'throw' | 'collect'> }) },
  {
    weight: 2,
    arbitrary: fc.record({
      onInvalid: fc.constantFrom('throw', 'collect') as fc.Arbitrary<'throw' | 'collect'>,
      maxTransfers: fc.integer({ min: 0, max: 30 }),
      maxAccounts: fc.integer({ min: 0, max: 10 }),
      maxVictims: fc.integer({ min: 0, max: 4 }),
    }, { requiredKeys: ['onInvalid'] }),
  },
  { weight: 1, arbitrary: fc.constantFrom<ParseCaseOptions>({ maxTransfers: -1 }, { maxTransfers: 1.5 }, { maxAccounts: NaN }, { onInvalid: 'skip' as 'throw' }, { maxVictims: '3' as unknown as number }) },
)

export interface CaseFuzzInput {
  readonly input: unknown
  readonly options: ParseCaseOptions
  readonly trace: TraceChoice
}

const caseValueInputArb: fc.Arbitrary<CaseFuzzInput> = fc
  .tuple(mutatedRawArb, fc.constantFrom<InputForm>('value', 'value', 'text', 'bytes', 'bom-text', 'bom-bytes'), parseOptionsArb, traceChoiceArb)
  .map(([{ raw, ops }, form, options, traceChoice]) => withToString(
    { input: asForm(raw, form), options, trace: traceChoice },
    () => `{ form: ${form}, ops: ${summarize(ops.map((o) => ({ ...o, ...('value' in o ? { value: summarize(o.value) } : {}) })))}, options: ${safeJson(options)}, trace: ${safeJson(traceChoice)}, input: ${summarize(asForm(raw, 'text'))} }`,
  ))

/** Text-level attacks: truncated JSON, flipped bytes, random bytes and strings, deep nesting in an `x-` field. */
const caseTextInputArb: fc.Arbitrary<CaseFuzzInput> = fc
  .tuple(
    fc.oneof(
      fc.tuple(fc.constant('truncate' as const), rawCaseArb, fc.nat()).map(([, raw, cut]) => { const text = JSON.stringify(raw); return text.slice(0, cut % text.length) }),
      fc.tuple(fc.constant('flip' as const), rawCaseArb, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 6 })).map(([, raw, flips]) => {
        const bytes = Buffer.from(JSON.stringify(raw), 'utf8')
        for (const [pos, xor] of flips) bytes[pos % bytes.length]! ^= xor
        return new Uint8Array(bytes)
      }),
      fc.uint8Array({ maxLength: 2_000 }),
      fc.string({ unit: 'binary', maxLength: 400 }),
      fc.json({ maxDepth: 4 }),
      fc.tuple(rawCaseArb, fc.integer({ min: 1, max: 200_000 }), fc.constantFrom('[', '{"a":')).map(([raw, depth, open]) => {
        const close = open === '[' ? ']' : '}'
        return `{"x-deep":${open.repeat(depth)}0${close.repeat(depth)},${JSON.stringify(raw).slice(1)}`
      }),
      fc.tuple(rawCaseArb, fc.integer({ min: 1, max: 200_000 })).map(([raw, depth]) => `${'['.repeat(depth)}${JSON.stringify(raw)}${']'.repeat(depth)}`),
      fc.tuple(rawCaseArb, fc.constantFrom('\u0000', '\uFFFF', '\uD800', ' ', '\n', '\u2028')).map(([raw, junk]) => `${junk}${JSON.stringify(raw)}${junk}`),
    ),
    parseOptionsArb,
    traceChoiceArb,
  )
  .map(([input, options, traceChoice]) => withToString({ input, options, trace: traceChoice }, () => `{ options: ${safeJson(options)}, input: ${summarize(input)} }`))

function parsedValueOf(input: unknown): unknown {
  try {
    if (typeof input === 'string') return JSON.parse(input.charCodeAt(0) === 0xfeff ? input.slice(1) : input)
    if (input instanceof Uint8Array) {
      const text = new TextDecoder('utf-8').decode(input)
      return JSON.parse(text)
    }
  } catch {
    return undefined
  }
  return input
}

function checkCollected(result: SafeParseCaseResult & { success: true }, input: unknown, options: ParseCaseOptions, where: string): void {
  const value = parsedValueOf(input)
  const transfers = typeof value === 'object' && value !== null ? (value as { transfers?: unknown }).transfers : undefined
  if (!Array.isArray(transfers)) return
  const { data, invalid } = result
  if (options.onInvalid !== 'collect') {
    assert(invalid.length === 0 && data.transfers.length === transfers.length, `${where}: strict parse lost or invented transfers`)
    return
  }
  assert(data.transfers.length + invalid.length === transfers.length, () => `${where}: ${transfers.length} transfers in, ${data.transfers.length} valid + ${invalid.length} invalid out`)
  const seen = new Set<number>()
  for (const item of invalid) {
    assert(Number.isSafeInteger(item.index) && item.index >= 0 && item.index < transfers.length && !seen.has(item.index), `${where}: bad invalid index ${item.index}`)
    seen.add(item.index)
    assert(item.issues.length >= 1, `${where}: invalid transfer ${item.index} without issues`)
    for (const issue of item.issues) {
      checkIssue(issue, `${where}: invalid[${item.index}]`)
      assert(issue.path[0] === 'transfers' && issue.path[1] === item.index, () => `${where}: invalid[${item.index}] issue at ${safeJson(issue.path)}`)
    }
  }
}

/** parseCase/safeParseCase on one input; then trace + report when it parses. */
export function checkCaseInput(t: CaseFuzzInput): Outcome {
  const where = 'case'
  let result: SafeParseCaseResult
  try {
    result = safeParseCase(t.input, t.options)
  } catch (error) {
    throw new PropertyFailure(`safeParseCase threw instead of returning: ${describeError(error)}`)
  }
  const strict = attempt(() => parseCase(t.input, t.options), 'parseCase')
  if (!result.success) {
    assertFundtraceError(result.error, 'safeParseCase')
    assert(!strict.ok, 'parseCase returned a Case where safeParseCase failed')
    assert(isDeepStrictEqual(strict.error.issues, result.error.issues), 'parseCase and safeParseCase report different issues')
    return `refused:${result.error.issues[0]!.code}`
  }
  assert(strict.ok, 'parseCase failed where safeParseCase succeeded')
  assert(isDeepStrictEqual(strict.value, result.data), 'parseCase and safeParseCase give different Cases')
  checkCollected(result, t.input, t.options, where)
  checkParsedCase(result.data, where)
  const again = attempt(() => parseCase(serializeCase(result.data)), 'parseCase(serializeCase(c))')
  assert(again.ok, () => `serializeCase wrote a case parseCase refuses: ${again.ok ? '' : safeJson(again.error.issues.slice(0, 3))}`)
  assert(isDeepStrictEqual(again.value, result.data), () => `parseCase(serializeCase(c)) differs from c: ${safeJson(serializeCase(result.data))}`)
  const traced = traceAndReport(result.data, t.trace, where)
  return result.invalid.length > 0 ? `${traced}+collected` : traced
}

// ─── statements ──────────────────────────────────────────────────────────────────────────────

const OWN = ['6222020200004321', '6222 0202 0000 4321', '="6222020200004321"', "'6222020200004321", '6222-0202-0000-4321']
const COUNTERPARTIES = ['6217000010001234', '6228480012345678', '215500690', 'B', '6222020200004321', '', '="6217000010001234"']
const DIRECTIONS = ['进', '出', '借', '贷', '收', '支', 'in', 'out', 'D', 'C', '', '+', '-']
const AMOUNT_CELLS = ['50.00', '-50.00', '1,234.50', '¥12.00', '12元', '50.00-', '+3', '0.01', '19000', 'RMB 5.00', '0.00', '-0.00']

const hostileCellArb: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '', ' ', '\u3000', '6.22202E+18', '1.234', '12.345', '-0', '99999999999999999999', 'abc', '2026-02-30 10:00:00', '2026-03-14', '25:00',
      '合计', '本页小计 3 笔', '失败', 'USD', '美元', '="', "'", '"', '\n', '\r\n', '\u0000', 'T1\u0000', 'A\tB', '\uD800', ' A ', '=""', '出？', '1e5', 'NaN',
      '10000000000000.00', '10000000000000.01', '１２.００', '2026-03-14T10:00:00+25:00', '9999-12-31 23:59:59', '0000-01-01 00:00:00', '20261314100000',
      '2026/3/14 9:5', '2026年03月14日 10时02分11秒', '20260314 100211', 'x'.repeat(300), '\u202E', '💥', ',', ';', '\t',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom(' ', '\u3000', '1', '1,', '9', '0.', '-', '="', '2026-03-14 ', ':', '合计'), fc.integer({ min: 1_000, max: 60_000 }), fc.constantFrom('', 'x', ' ', '5', '"'))
      .map(([unit, n, tail]) => unit.repeat(Math.ceil(n / unit.length)) + tail),
  },
)

function timeCell(minute: number, shape: number): string {
  const d = new Date(Date.UTC(2026, 2, 14, 2, 0) + minute * 60_000 + 8 * 3_600_000)
  const p = (n: number) => String(n).padStart(2, '0')
  const [y, mo, da, h, mi, s] = [d.getUTCFullYear(), p(d.getUTCMonth() + 1), p(d.getUTCDate()), p(d.getUTCHours()), p(d.getUTCMinutes()), p(d.getUTCSeconds())]
  switch (shape % 5) {
    case 0: return `${y}-${mo}-${da} ${h}:${mi}:${s}`
    case 1: return `${y}${mo}${da}${h}${mi}${s}`
    case 2: return `${y}/${mo}/${da} ${h}:${mi}:${s}`
    case 3: return `${y}年${mo}月${da}日 ${h}:${mi}:${s}`
    default: return `${y}-${mo}-${da}T${h}:${mi}:${s}+08:00`
  }
}

interface Sheet {
  /** Header names, then data rows; rows may be ragged. */
  readonly rows: string[][]
}

type RowMutation =
  | { readonly kind: 'cell'; readonly row: number; readonly col: number; readonly value: string }
  | { readonly kind: 'drop'; readonly row: number; readonly count: number }
  | { readonly kind: 'extra'; readonly row: number; readonly value: string }
  | { readonly kind: 'blank'; readonly row: number }
  | { readonly kind: 'footer'; readonly row: number }
  | { readonly kind: 'dupRow'; readonly row: number }
  | { readonly kind: 'header'; readonly col: number; readonly value: string }

const rowMutationArb: fc.Arbitrary<RowMutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('cell' as const), row: fc.nat(), col: fc.nat(), value: hostileCellArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), row: fc.nat(), count: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('extra' as const), row: fc.nat(), value: hostileCellArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('blank' as const), row: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('footer' as const), row: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('dupRow' as const), row: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('header' as const), col: fc.nat(), value: fc.oneof(hostileCellArb, fc.constantFrom('交易金额', '交易时间', '金额', '余额', 'from', 'to', 'amount')) }) },
)

function mutateSheet(sheet: Sheet, mutations: readonly RowMutation[]): Sheet {
  const rows = sheet.rows.map((r) => [...r])
  const dataRow = (n: number): number => (rows.length <= 1 ? 0 : 1 + (n % (rows.length - 1)))
  for (const m of mutations) {
    switch (m.kind) {
      case 'cell': { const r = rows[dataRow(m.row)]!; if (r.length > 0) r[m.col % r.length] = m.value; break }
      case 'drop': { const r = rows[dataRow(m.row)]!; r.splice(Math.max(0, r.length - m.count)); break }
      case 'extra': rows[dataRow(m.row)]!.push(m.value); break
      case 'blank': rows.splice(dataRow(m.row), 0, rows[0]!.map(() => '')); break
      case 'footer': rows.splice(dataRow(m.row) + 1, 0, ['合计', '', '160.00']); break
      case 'dupRow': { const i = dataRow(m.row); rows.splice(i, 0, [...rows[i]!]); break }
      case 'header': { const h = rows[0]!; if (h.length > 0) h[m.col % h.length] = m.value; break }
    }
  }
  return { rows }
}

interface Serialization {
  readonly delimiter: ',' | '\t'
  readonly eol: '\n' | '\r\n'
  readonly quoteAll: boolean
  readonly titles: number
  readonly encoding: 'string' | 'utf8' | 'utf8-bom' | 'utf16le-bom' | 'gbk'
  readonly brokenQuote: boolean
}

const serializationArb: fc.Arbitrary<Serialization> = fc.record({
  delimiter: fc.constantFrom(',', ',', '\t') as fc.Arbitrary<',' | '\t'>,
  eol: fc.constantFrom('\n', '\r\n') as fc.Arbitrary<'\n' | '\r\n'>,
  quoteAll: fc.boolean(),
  titles: fc.constantFrom(0, 0, 0, 1, 2),
  encoding: fc.constantFrom('string', 'utf8', 'utf8', 'utf8-bom', 'utf16le-bom', 'gbk') as fc.Arbitrary<Serialization['encoding']>,
  brokenQuote: fc.integer({ min: 0, max: 19 }).map((n) => n === 0),
})

function serializeSheet(sheet: Sheet, s: Serialization): Uint8Array | string {
  const quote = (cell: string): string => (s.quoteAll || cell.includes(s.delimiter) || /["\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)
  const titles = Array.from({ length: s.titles }, (_, i) => (i === 0 ? ['银行查询反馈明细'] : ['查询卡号: 6222020200004321']))
  let text = [...titles, ...sheet.rows].map((r) => r.map(quote).join(s.delimiter)).join(s.eol) + s.eol
  if (s.brokenQuote) text += `"unclosed${s.delimiter}cell${s.eol}`
  switch (s.encoding) {
    case 'string': return text
    case 'utf8': return new Uint8Array(Buffer.from(text, 'utf8'))
    case 'utf8-bom': return new Uint8Array(Buffer.from(`\uFEFF${text}`, 'utf8'))
    case 'utf16le-bom': return new Uint8Array(Buffer.from(`\uFEFF${text}`, 'utf16le'))
    case 'gbk':
      try {
        return encodeGbk(text)
      } catch {
        return new Uint8Array(Buffer.from(text, 'utf8'))
      }
  }
}

const POLICE_OPTIONAL = ['交易流水号', '交易余额', '交易是否成功', '币种', '摘要说明', '交易对手户名', '交易对手账号开户行', '现金标志', '交易账号'] as const

const policeRowArb = fc.record({
  own: fc.constantFrom(...OWN),
  minute: fc.integer({ min: 0, max: 60 * 24 * 3 }),
  timeShape: fc.nat(4),
  amount: fc.constantFrom(...AMOUNT_CELLS),
  direction: fc.constantFrom(...DIRECTIONS),
  counterparty: fc.constantFrom(...COUNTERPARTIES),
  serial: fc.oneof(fc.constant(''), fc.integer({ min: 1, max: 40 }).map((n) => `S${n}`)),
  balance: fc.constantFrom('', '100.00', '-5.00', '12,000.00', 'abc'),
  success: fc.constantFrom('', '成功', '失败'),
  currency: fc.constantFrom('', '人民币', 'USD', 'CNY'),
  summary: fc.constantFrom('', 'ATM取款', '结息', '网银转账', '转账至支付宝', '手机银行转账', 'POS消费'),
  counterpartyName: fc.constantFrom('', '王芳', '支付宝（中国）网络技术有限公司'),
  bank: fc.constantFrom('', '中国银行济南分行营业部', '某某村镇银行'),
  cashFlag: fc.constantFrom('', '现金', '转账'),
  alias: fc.constantFrom('', '1602000101001234567'),
})

type PoliceRow = typeof policeRowArb extends fc.Arbitrary<infer R> ? R : never

function policeCell(row: PoliceRow, column: string): string {
  switch (column) {
    case '交易卡号': return row.own
    case '交易时间': return timeCell(row.minute, row.timeShape)
    case '交易金额': return row.amount
    case '收付标志': return row.direction
    case '交易对手账卡号': return row.counterparty
    case '交易流水号': return row.serial
    case '交易余额': return row.balance
    case '交易是否成功': return row.success
    case '币种': return row.currency
    case '摘要说明': return row.summary
    case '交易对手户名': return row.counterpartyName
    case '交易对手账号开户行': return row.bank
    case '现金标志': return row.cashFlag
    case '交易账号': return row.alias
    default: return ''
  }
}

export interface StatementFuzzInput {
  readonly kind: 'police' | 'generic-ledger' | 'generic-statement' | 'bytes-police' | 'bytes-generic'
  readonly input: Uint8Array | string
  readonly options: Record<string, unknown>
}

const statementOptionsArb: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({}) },
  {
    weight: 3,
    arbitrary: fc.record({
      cashAccount: fc.constantFrom('CASH', 'cash-1'),
      timezone: fc.constantFrom('Asia/Shanghai', 'UTC', 'America/New_York'),
      currency: fc.constantFrom('CNY', 'USD', 'JPY'),
      account: fc.constantFrom('6222020200004321', 'X'),
      maxHeaderSearch: fc.integer({ min: 1, max: 30 }),
      directionValues: fc.constant({ '1': 'out', '2': 'in' }),
      ownAccount: fc.constantFrom('card', 'account'),
    }, { requiredKeys: [] }),
  },
  { weight: 1, arbitrary: fc.constantFrom<Record<string, unknown>>({ timezone: 'Mars/Olympus' }, { currency: 'XYZ' }, { delimiter: '' }, { delimiter: '"' }, { delimiter: '::' }, { account: '   ' }, { account: '6.2E+18' }, { maxHeaderSearch: 0 }, { encoding: 'latin1' }, { encoding: 'gbk' }, { encoding: 'utf-8' }, { cashAccount: 5 }) },
)

const policeInputArb: fc.Arbitrary<StatementFuzzInput> = fc
  .tuple(
    fc.subarray([...POLICE_OPTIONAL]),
    fc.nat(),
    fc.array(policeRowArb, { minLength: 0, maxLength: 25 }),
    fc.array(rowMutationArb, { maxLength: 5 }),
    serializationArb,
    statementOptionsArb,
  )
  .map(([optional, shuffle, rows, mutations, serialization, options]) => {
    const header = [...(['交易卡号', '交易时间', '交易金额', '收付标志', '交易对手账卡号'] as string[]), ...optional]
    for (let i = header.length - 1; i > 0; i--) {
      const j = (shuffle + i * 7) % (i + 1)
      ;[header[i], header[j]] = [header[j]!, header[i]!]
    }
    const sheet = mutateSheet({ rows: [header, ...rows.map((r) => header.map((c) => policeCell(r, c)))] }, mutations)
    const input = serializeSheet(sheet, serialization)
    return withToString({ kind: 'police' as const, input, options }, () => `{ kind: police, options: ${safeJson(options)}, serialization: ${safeJson(serialization)}, input: ${summarize(typeof input === 'string' ? input : input)} }`)
  })

const LEDGER_COLUMNS = ['from', 'to', 'amount', 'time', 'serial', 'status', 'channel'] as const

const ledgerRowArb = fc.record({
  from: fc.constantFrom('A', 'B', 'C', '6222020200004321', ' A ', '6222 0202'),
  to: fc.constantFrom('A', 'B', 'D', '6217000010001234'),
  amount: fc.constantFrom('10.00', '1', '0.5', '-3.00', '1,000.00', '0'),
  minute: fc.integer({ min: 0, max: 600 }),
  timeShape: fc.nat(4),
  serial: fc.oneof(fc.constant(''), fc.integer({ min: 1, max: 20 }).map((n) => `L${n}`)),
  status: fc.constantFrom('', 'posted', 'pending', '在途', '已入账'),
  channel: fc.constantFrom('', 'atm', '手机银行', 'POS消费', 'pigeon'),
})

const genericLedgerArb: fc.Arbitrary<StatementFuzzInput> = fc
  .tuple(fc.array(ledgerRowArb, { maxLength: 25 }), fc.array(rowMutationArb, { maxLength: 5 }), serializationArb, statementOptionsArb)
  .map(([rows, mutations, serialization, extra]) => {
    const header = [...LEDGER_COLUMNS] as string[]
    const sheet = mutateSheet({
      rows: [header, ...rows.map((r) => [r.from, r.to, r.amount, timeCell(r.minute, r.timeShape), r.serial, r.status, r.channel])],
    }, mutations)
    const options = { ...extra, mapping: { from: 'from', to: 'to', amount: 'amount', time: 'time', serial: 'serial', status: 'status', channel: 'channel' } }
    const input = serializeSheet(sheet, serialization)
    return withToString({ kind: 'generic-ledger' as const, input, options }, () => `{ kind: generic-ledger, options: ${safeJson(options)}, input: ${summarize(input)} }`)
  })

const genericStatementArb: fc.Arbitrary<StatementFuzzInput> = fc
  .tuple(fc.array(policeRowArb, { maxLength: 25 }), fc.array(rowMutationArb, { maxLength: 5 }), serializationArb, statementOptionsArb, fc.boolean())
  .map(([rows, mutations, serialization, extra, split]) => {
    const header = split ? ['卡号', '对方账号', '支出', '收入', '时间', '余额', '流水'] : ['卡号', '对方账号', '借贷', '金额', '时间', '余额', '流水']
    const sheet = mutateSheet({
      rows: [header, ...rows.map((r) => {
        const out = r.direction === '出' || r.direction === '借'
        const amount = split ? (out ? [r.amount, ''] : ['', r.amount]) : [r.direction, r.amount]
        return [r.own, r.counterparty, ...amount, timeCell(r.minute, r.timeShape), r.balance, r.serial]
      })],
    }, mutations)
    const mapping = split
      ? { account: '卡号', counterparty: '对方账号', outAmount: '支出', inAmount: '收入', time: '时间', balance: '余额', serial: '流水' }
      : { account: '卡号', counterparty: '对方账号', direction: '借贷', amount: '金额', time: '时间', balance: '余额', serial: '流水' }
    const options = { ...extra, mapping }
    const input = serializeSheet(sheet, serialization)
    return withToString({ kind: 'generic-statement' as const, input, options }, () => `{ kind: generic-statement, options: ${safeJson(options)}, input: ${summarize(input)} }`)
  })

const statementBytesArb: fc.Arbitrary<StatementFuzzInput> = fc
  .tuple(
    fc.oneof(
      fc.uint8Array({ maxLength: 3_000 }),
      fc.string({ unit: 'binary', maxLength: 600 }),
      fc.array(fc.array(hostileCellArb, { maxLength: 8 }), { maxLength: 12 }).map((rows) => rows.map((r) => r.join(',')).join('\n')),
      fc.tuple(fc.array(fc.constantFrom('交易卡号', '交易时间', '交易金额', '收付标志', '交易对手账卡号', 'from', 'to', 'amount', 'time', ','), { maxLength: 8 }), fc.uint8Array({ maxLength: 500 }))
        .map(([head, tail]) => new Uint8Array(Buffer.concat([Buffer.from(`${head.join(',')}\n`), Buffer.from(tail)]))),
    ),
    fc.boolean(),
    statementOptionsArb,
  )
  .map(([input, police, options]) => police
    ? { kind: 'bytes-police' as const, input, options }
    : { kind: 'bytes-generic' as const, input, options: { ...options, mapping: { from: 'from', to: 'to', amount: 'amount', time: 'time' } } })

function runImporter(t: StatementFuzzInput, strict: boolean): StatementImport {
  const options = strict ? { ...t.options, strict: true } : t.options
  return t.kind === 'police' || t.kind === 'bytes-police'
    ? importPoliceFeedback(t.input, options as PoliceFeedbackOptions)
    : importStatementCsv(t.input, options as unknown as GenericStatementOptions)
}

/** Every row is one transfer, one invalid row or one skipped row; good transfers are case-valid; strict names every bad row. */
export function checkStatementInput(t: StatementFuzzInput): Outcome {
  const where = `statements/${t.kind}`
  const lenient = attempt(() => runImporter(t, false), where)
  const strict = attempt(() => runImporter(t, true), `${where} (strict)`)
  if (!lenient.ok) {
    assert(!strict.ok, `${where}: strict mode succeeded where the lenient import failed`)
    return `refused:${lenient.error.issues[0]!.code}`
  }
  const r = lenient.value
  assert(r.rows === r.transfers.length + r.invalid.length + r.skipped.length, () => `${where}: rows ${r.rows} ≠ ${r.transfers.length} transfers + ${r.invalid.length} invalid + ${r.skipped.length} skipped`)
  assert(r.lines.length === r.transfers.length, `${where}: lines and transfers differ in length`)
  const rows = [...r.lines.map((l) => l.row), ...r.invalid.map((i) => i.row), ...r.skipped.map((s) => s.row)].sort((a, b) => a - b)
  rows.forEach((row, i) => assert(row === r.headerRow + 1 + i, () => `${where}: rows named ${safeJson(rows)} are not exactly ${r.headerRow + 1}..${r.headerRow + r.rows}`))
  for (const bad of r.invalid) {
    checkIssue({ code: bad.code, message: bad.message, path: [], row: bad.row, ...(bad.column === undefined ? {} : { column: bad.column }) }, `${where}: invalid row`)
  }
  for (const s of r.skipped) assert(SKIP_REASONS.has(s.reason) && s.message.length > 0, () => `${where}: skipped row ${safeJson(s)}`)
  const ids = new Set<string>()
  r.transfers.forEach((tr, i) => {
    const line = r.lines[i]!
    assert(line.transfer === tr.id, `${where}: lines[${i}] describes another transfer`)
    assert(!ids.has(tr.id), () => `${where}: duplicate transfer id ${tr.id}`)
    ids.add(tr.id)
    assert(tr.amount > 0n && tr.amount <= MAX_TRANSFER_MINOR, () => `${where}: amount ${tr.amount} at row ${line.row}`)
    assert(tr.from !== tr.to && tr.from !== '' && tr.to !== '', () => `${where}: from/to ${safeJson([tr.from, tr.to])} at row ${line.row}`)
    assert(Number.isFinite(tr.time), `${where}: time`)
    for (const id of [tr.id, tr.from, tr.to]) {
      assert(idProblem(id) === undefined, () => `${where}: row ${line.row} gives transfer id/account ${JSON.stringify(id)}, which a case file refuses (${idProblem(id)})`)
    }
  })
  // The imported transfers are case transfers: a case file holding them parses back to them.
  const currency = typeof t.options.currency === 'string' ? t.options.currency : 'CNY'
  const asCase: Case = { format: 'fundtrace/case@1', caseId: 'STATEMENT', caseType: 'telecom_fraud', currency, timezone: 'UTC', accounts: [], victims: [], transfers: r.transfers }
  const again = attempt(() => parseCase(serializeCase(asCase)), `${where}: parseCase of the imported transfers`)
  assert(again.ok, () => `${where}: a case file with the imported transfers is refused: ${again.ok ? '' : safeJson(again.error.issues.slice(0, 3))}`)
  assert(isDeepStrictEqual(again.value.transfers, r.transfers), `${where}: the imported transfers do not survive a case file`)
  if (r.invalid.length === 0) {
    assert(strict.ok && isDeepStrictEqual(strict.value, r), `${where}: strict mode differs although no row is invalid`)
  } else {
    assert(!strict.ok, `${where}: strict mode accepted a file with invalid rows`)
    assert(isDeepStrictEqual(strict.error.issues.map((i) => [i.row, i.code]), r.invalid.map((i) => [i.row, i.code])), () => `${where}: strict mode names ${safeJson(strict.error.issues.map((i) => i.row))}, the import ${safeJson(r.invalid.map((i) => i.row))}`)
  }
  return r.invalid.length > 0 ? 'imported+invalid' : 'imported'
}

// ─── NDJSON and CSV readers ──────────────────────────────────────────────────────────────────

export interface StreamFuzzInput {
  readonly format: 'ndjson' | 'csv'
  readonly chunks: Buffer[]
  readonly options: Omit<ReadCaseStreamOptions, 'format'>
  /** The header line was supplied as an option (NDJSON) — CSV always has it as an option. */
  readonly headerApart: boolean
}

type LineMutation =
  | { readonly kind: 'replace'; readonly at: number; readonly text: string }
  | { readonly kind: 'field'; readonly at: number; readonly op: Op }
  | { readonly kind: 'truncate'; readonly at: number; readonly cut: number }
  | { readonly kind: 'blank'; readonly at: number; readonly text: string }
  | { readonly kind: 'dup'; readonly at: number }
  | { readonly kind: 'delete'; readonly at: number }

const lineMutationArb: fc.Arbitrary<LineMutation> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), text: fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), hostileValueArb.map((v) => toJsonText(v) ?? 'x'), fc.constantFrom('{', '[]', 'null', '"T1"', '{"id":"T1"}', '\uFEFF{}', '\r', '\u2028')) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('field' as const), at: fc.nat(), op: opArb.filter((o) => !BIG_OPS.has(o.kind)) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(), cut: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('blank' as const), at: fc.nat(), text: fc.constantFrom('', ' ', '\t', ' \t ', '\u00a0') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('dup' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }) },
)

function mutateLines(lines: string[], mutations: readonly LineMutation[]): string[] {
  const out = [...lines]
  for (const m of mutations) {
    if (out.length === 0) break
    const i = m.at % out.length
    switch (m.kind) {
      case 'replace': out[i] = m.text; break
      case 'field': {
        let value: unknown
        try { value = JSON.parse(out[i]!) } catch { break }
        if (typeof value !== 'object' || value === null) break
        const holder = { transfers: [value], victims: [], accounts: [] } as unknown as RawObject
        applyOp(holder, m.op)
        const changed = Array.isArray(holder.transfers) ? holder.transfers[0] : holder
        out[i] = toJsonText(changed) ?? out[i]!
        break
      }
      case 'truncate': out[i] = out[i]!.slice(0, m.cut % Math.max(1, out[i]!.length)); break
      case 'blank': out.splice(i, 0, m.text); break
      case 'dup': out.splice(i, 0, out[i]!); break
      case 'delete': out.splice(i, 1); break
    }
  }
  return out
}

const streamOptionsArb = fc.record({
  onInvalid: fc.constantFrom('throw', 'collect') as fc.Arbitrary<'throw' | 'collect'>,
  maxTransfers: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined, freq: 6 }),
  maxFileBytes: fc.option(fc.integer({ min: 1, max: 6_000 }), { nil: undefined, freq: 6 }),
}).map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Omit<ReadCaseStreamOptions, 'format'>)

function chunked(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  if (bytes.length === 0) return [bytes]
  const points = [...new Set(cuts.map((c) => c % bytes.length))].filter((c) => c > 0).sort((a, b) => a - b)
  const out: Buffer[] = []
  let start = 0
  for (const p of points) {
    out.push(bytes.subarray(start, p))
    start = p
  }
  out.push(bytes.subarray(start))
  return out
}

const byteNoiseArb = fc.record({
  flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { maxLength: 3 }),
  cuts: fc.array(fc.nat(), { maxLength: 6 }),
  bom: fc.boolean(),
  eol: fc.constantFrom('\n', '\r\n', '\r', 'mixed'),
  trailing: fc.boolean(),
})

function encodeLines(lines: readonly string[], noise: { flips: [number, number][]; cuts: number[]; bom: boolean; eol: string; trailing: boolean }): Buffer[] {
  const eol = (i: number) => (noise.eol === 'mixed' ? ['\n', '\r\n', '\r'][i % 3]! : noise.eol)
  let text = lines.map((l, i) => (i < lines.length - 1 || noise.trailing ? l + eol(i) : l)).join('')
  if (noise.bom) text = `\uFEFF${text}`
  const bytes = Buffer.from(text, 'utf8')
  for (const [pos, xor] of noise.flips) if (bytes.length > 0) bytes[pos % bytes.length]! ^= xor
  return chunked(bytes, noise.cuts)
}

const ndjsonInputArb: fc.Arbitrary<StreamFuzzInput> = fc
  .tuple(fc.oneof({ weight: 5, arbitrary: mutatedRawArb.map((m) => m.raw) }, { weight: 3, arbitrary: rawCaseArb }), fc.array(lineMutationArb, { maxLength: 4 }), byteNoiseArb, streamOptionsArb, fc.boolean(), fc.nat(9))
  .map(([raw, mutations, noise, options, apart, randomPick]) => {
    if (randomPick === 0) {
      const bytes = Buffer.from(toJsonText(raw) ?? '', 'utf8').subarray(0, noise.cuts[0] ?? 100)
      return { format: 'ndjson' as const, chunks: chunked(Buffer.from(bytes), noise.cuts), options, headerApart: false }
    }
    const transfers = Array.isArray(raw.transfers) ? raw.transfers : []
    const header = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? headerOf(raw) : raw
    const transferLines = transfers.map((t) => toJsonText(t) ?? 'null')
    const headerLine = toJsonText(header) ?? '{}'
    if (apart && typeof header === 'object' && header !== null) {
      const lines = mutateLines(transferLines, mutations)
      return { format: 'ndjson' as const, chunks: encodeLines(lines, noise), options: { ...options, header: header as Record<string, unknown> }, headerApart: true }
    }
    const lines = mutateLines([headerLine, ...transferLines], mutations)
    return { format: 'ndjson' as const, chunks: encodeLines(lines, noise), options, headerApart: false }
  })
  .map((input) => withToString(input, () => `{ ndjson, options: ${safeJson({ ...input.options, header: input.options.header === undefined ? undefined : '…' })}, text: ${summarize(Buffer.concat(input.chunks).toString('utf8'))}, chunks: ${input.chunks.map((c) => c.length).join('+')} }`))

const CSV_COLUMN_NAMES = ['id', 'from', 'to', 'amount', 'time', 'status', 'channel', 'serial']

const csvInputArb: fc.Arbitrary<StreamFuzzInput> = fc
  .tuple(rawCaseArb, fc.nat(), fc.array(rowMutationArb, { maxLength: 5 }), byteNoiseArb, streamOptionsArb, fc.array(opArb.filter((o) => !BIG_OPS.has(o.kind) && o.kind !== 'amount' && o.kind !== 'self'), { maxLength: 1 }), fc.boolean(), fc.nat(14))
  .map(([raw, shuffle, mutations, noise, options, headerOps, quoteAll, randomPick]) => {
    const columns = [...CSV_COLUMN_NAMES]
    for (let i = columns.length - 1; i > 0; i--) {
      const j = (shuffle + i * 13) % (i + 1)
      ;[columns[i], columns[j]] = [columns[j]!, columns[i]!]
    }
    const header = headerOf(raw) as RawObject
    for (const op of headerOps) applyOp(header, op)
    if (randomPick === 0) {
      return { format: 'csv' as const, chunks: chunked(Buffer.from(noise.flips.map(([a, b]) => a ^ b)), noise.cuts), options: { ...options, header }, headerApart: true }
    }
    const rows = (raw.transfers as RawObject[]).map((t) => columns.map((c) => (t[c] === undefined ? '' : String(t[c]))))
    const sheet = mutateSheet({ rows: [columns, ...rows] }, mutations)
    const text = sheet.rows.map((r) => r.map((c) => (quoteAll || /[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n'
    const lines = text.split('\r\n').slice(0, -1)
    return { format: 'csv' as const, chunks: encodeLines(lines, { ...noise, eol: noise.eol === '\r' ? '\r\n' : noise.eol }), options: { ...options, header }, headerApart: true }
  })
  .map((input) => withToString(input, () => `{ csv, options: ${safeJson(input.options)}, text: ${summarize(Buffer.concat(input.chunks).toString('utf8'))}, chunks: ${input.chunks.map((c) => c.length).join('+')} }`))

/** Non-blank NDJSON transfer lines, counted the way readline splits them. */
function ndjsonTransferLines(bytes: Buffer, headerApart: boolean): string[] | undefined {
  const text = new TextDecoder('utf-8').decode(bytes)
  const lines = text.split(/\r\n|\n|\r/)
  if (lines[lines.length - 1] === '') lines.pop()
  if (lines.length > 0 && lines[0]!.charCodeAt(0) === 0xfeff) lines[0] = lines[0]!.slice(1)
  const rest = headerApart ? lines : lines.slice(1)
  return rest.filter((l) => !/^[ \t\r]*$/.test(l))
}

function csvDataRows(bytes: Buffer): string[][] | undefined {
  try {
    const records = parseCsvSync(bytes, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][]
    return records.slice(1)
  } catch {
    return undefined
  }
}

/** A stream reader gives a correct Case or a FundtraceError naming lines/rows; never a hang or another error. */
export async function checkStreamInput(t: StreamFuzzInput): Promise<Outcome> {
  const where = `read-case/${t.format}`
  const options = { ...t.options, format: t.format } as ReadCaseStreamOptions
  let result: SafeParseCaseResult
  try {
    result = await safeReadCaseStream(Readable.from(t.chunks), options)
  } catch (error) {
    throw new PropertyFailure(`${where}: safeReadCaseStream rejected: ${describeError(error)}`)
  }
  const bytes = Buffer.concat(t.chunks)
  if (!result.success) {
    assertFundtraceError(result.error, where)
    for (const issue of result.error.issues) {
      if (issue.path[0] !== 'transfers' || issue.path.length < 2) continue
      if (t.format === 'ndjson') assert(issue.line !== undefined, () => `${where}: transfer issue without line: ${safeJson(issue)}`)
      else assert(issue.row !== undefined, () => `${where}: transfer issue without row: ${safeJson(issue)}`)
    }
    let rejected: unknown
    try {
      await readCaseStream(Readable.from(t.chunks), options)
    } catch (error) {
      rejected = error
    }
    assertFundtraceError(rejected, `${where}: readCaseStream`)
    return `refused:${result.error.issues[0]!.code}`
  }
  if (t.options.maxFileBytes !== undefined) assert(bytes.length <= t.options.maxFileBytes, `${where}: maxFileBytes ignored`)
  const c = result.data
  checkParsedCase(c, where)
  const count = c.transfers.length + result.invalid.length
  if (t.options.maxTransfers !== undefined) assert(count <= t.options.maxTransfers, `${where}: maxTransfers ignored`)
  if (t.options.onInvalid !== 'collect') assert(result.invalid.length === 0, `${where}: invalid transfers without collect`)
  for (const item of result.invalid) {
    for (const issue of item.issues) {
      checkIssue(issue, `${where}: invalid[${item.index}]`)
      if (t.format === 'ndjson') assert(issue.line !== undefined, `${where}: invalid transfer issue without line`)
      else assert(issue.row !== undefined, `${where}: invalid transfer issue without row`)
    }
  }
  if (t.format === 'ndjson') {
    const lines = ndjsonTransferLines(bytes, t.headerApart)
    assert(lines === undefined || lines.length === count, () => `${where}: ${lines?.length} transfer lines in, ${c.transfers.length} valid + ${result.invalid.length} invalid out`)
    // Same validation everywhere: the lines as one JSON case give the same Case.
    if (lines !== undefined && result.invalid.length === 0) {
      const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '')
      const all = text.split(/\r\n|\n|\r/).filter((l) => !/^[ \t\r]*$/.test(l))
      try {
        const header = t.headerApart ? t.options.header as Record<string, unknown> : JSON.parse(all[0]!) as Record<string, unknown>
        const transfers = (t.headerApart ? all : all.slice(1)).map((l) => JSON.parse(l) as unknown)
        const json = parseCase({ ...header, transfers })
        assert(isDeepStrictEqual(json, c), `${where}: NDJSON and JSON give different Cases`)
      } catch (error) {
        if (error instanceof PropertyFailure) throw error
        throw new PropertyFailure(`${where}: NDJSON accepted what JSON refuses: ${describeError(error)}`)
      }
    }
  } else {
    const rows = csvDataRows(bytes)
    assert(rows === undefined || rows.length === count, () => `${where}: ${rows?.length} data rows in, ${c.transfers.length} valid + ${result.invalid.length} invalid out`)
  }
  const traced = traceAndReport(c, { method: 'fifo', maxLevel: null, asOfMinutes: undefined, evidence: false }, where)
  return result.invalid.length > 0 ? `${traced}+collected` : traced
}

// ─── CLI ─────────────────────────────────────────────────────────────────────────────────────

export interface CliFuzzInput {
  readonly argv: string[]
  readonly stdin: Buffer
  /** Files written into the run's directory first. */
  readonly files: ReadonlyArray<readonly [string, Buffer]>
}

const cliValidOptionArb: fc.Arbitrary<string[]> = fc.oneof(
  fc.constantFrom(...METHODS, 'all').map((m) => ['--method', m]),
  fc.constantFrom('1', '2', '3').map((n) => ['--max-level', n]),
  fc.constantFrom('2026-03-14T11:00:00+08:00', '2026-03-14T10:30', '2026-03-20T00:00:00Z').map((t) => ['--as-of', t]),
  fc.constantFrom<string[]>(['--evidence'], ['--flows'], ['--quiet'], ['--format', 'json']),
  fc.constantFrom('2', '5', '25', '1000').map((n) => ['--max-transfers', n]),
  fc.constantFrom('json', 'ndjson').map((f) => ['--input-format', f]),
  fc.constantFrom('md', 'csv-accounts', 'csv-actions', 'dot', 'mermaid', 'summary').map((f) => ['--format', f]),
  fc.constantFrom<string[]>(['--mask'], ['--victim', 'V1'], ['--victim', 'nobody'], ['--diagram-level', '1'], ['--policy', 'policy.json']),
)

const cliHostileOptionArb: fc.Arbitrary<string[]> = fc.oneof(
  fc.constantFrom('FIFO', '', 'x').map((m) => ['--method', m]),
  fc.constantFrom('0', '-1', '1e3', '999999999', '9999999999', '', 'x', '01').map((n) => ['--max-level', n]),
  fc.constantFrom('2026-03-14', 'yesterday', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '').map((t) => ['--as-of', t]),
  fc.constantFrom('json', 'summary', 'csv', '').map((f) => ['--format', f]),
  fc.constantFrom<string[]>(['--summary'], ['--nope'], ['-x'], ['--'], ['--method'], ['extra.json'], ['--evidence=yes']),
  fc.constantFrom('json', 'ndjson', 'csv', 'xml', '').map((f) => ['--input-format', f]),
  fc.constantFrom('1', '0', '-3', 'many', '1e2').map((n) => ['--max-transfers', n]),
  fc.constantFrom('header.json', 'missing.json').map((h) => ['--header', h]),
  fc.constantFrom('out/report.json').map((o) => ['--out', o]),
  fc.constantFrom('svg', 'html', 'pdf').map((f) => ['--format', f]),
  fc.constantFrom('0', 'x', '-1').map((n) => ['--max-file-bytes', n]),
  fc.constantFrom('1', '100', '100000').map((n) => ['--max-file-bytes', n]),
  fc.constantFrom('missing-policy.json', 'policy.json', 'case.json').map((p) => ['--policy', p]),
)

const cliOptionArb: fc.Arbitrary<string[]> = fc.oneof({ weight: 4, arbitrary: cliValidOptionArb }, { weight: 1, arbitrary: cliHostileOptionArb })

const cliCaseTextArb: fc.Arbitrary<{ json: Buffer; ndjson: Buffer; header: Buffer; csv: Buffer }> = fc
  .oneof(
    { weight: 5, arbitrary: mutatedRawArb.map((m) => m.raw) },
    { weight: 3, arbitrary: rawCaseArb },
  )
  .chain((raw) => fc.tuple(fc.constant(raw), fc.nat(20), fc.uint8Array({ maxLength: 200 })))
  .map(([raw, noise, junk]) => {
    let json = Buffer.from(toJsonText(raw) ?? '', 'utf8')
    if (noise === 0) json = Buffer.from(junk)
    if (noise === 1) json = json.subarray(0, Math.floor(json.length / 2))
    const transfers = typeof raw === 'object' && raw !== null && Array.isArray(raw.transfers) ? raw.transfers : []
    const header = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? headerOf(raw) : {}
    const ndjson = Buffer.from([toJsonText(header) ?? '{}', ...transfers.map((t) => toJsonText(t) ?? 'null')].join('\n'), 'utf8')
    const csv = Buffer.from([CSV_COLUMN_NAMES.join(','), ...transfers.map((t) => CSV_COLUMN_NAMES.map((c) => {
      const v = typeof t === 'object' && t !== null ? (t as Record<string, unknown>)[c] : undefined
      const s = v === undefined || v === null ? '' : typeof v === 'object' ? (toJsonText(v) ?? '') : String(v)
      return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
    }).join(','))].join('\r\n'), 'utf8')
    return { json, ndjson, header: Buffer.from(toJsonText(header) ?? '{}', 'utf8'), csv }
  })

const POLICIES: readonly Json[] = [
  {}, { holds: { telecom_fraud: { unfunded: 'long_term' } } }, { minActionAmount: '100' }, { minActionAmount: '0.5' },
  { severity: { individual: ['1', '2', '3'] } }, { remark: '止付' }, { escalateKinds: ['payment_platform'], stoppableKinds: ['bank', 'pos_merchant'] },
]

const policyTextArb: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...POLICIES).map((p) => Buffer.from(JSON.stringify(p))) },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constantFrom(...POLICIES), fc.nat(), hostileValueArb).map(([p, at, value]) => {
      const copy = { policy: structuredClone(p) } as RawObject
      setAt(copy, pathsOf(copy).filter((x) => x.length > 0)[at % Math.max(1, pathsOf(copy).length - 1)] ?? ['policy'], value)
      return Buffer.from(toJsonText(copy.policy) ?? 'null')
    }),
  },
  { weight: 1, arbitrary: fc.json({ maxDepth: 3 }).map((t) => Buffer.from(t)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 50 }).map((b) => Buffer.from(b)) },
)

const cliInputArb: fc.Arbitrary<CliFuzzInput> = fc
  .tuple(
    fc.constantFrom('trace', 'trace', 'trace', 'trace', 'trace', 'trace', 'trace', 'plan', 'link', 'nope'),
    fc.constantFrom('-', '-', '-', '-', '-', 'case.json', 'case.json', 'case.ndjson', 'case.jsonl', 'case.csv', 'case.csv', 'case.txt', 'missing.json', '.', ''),
    fc.array(cliOptionArb, { maxLength: 3 }),
    cliCaseTextArb,
    fc.nat(9),
    policyTextArb,
  )
  .map(([command, path, options, texts, mismatch, policy]) => {
    const argv: string[] = [command]
    if (path !== '') argv.push(path)
    if (command === 'plan' && options.length % 2 === 0) argv.push('--perspective', 'BOC')
    const flat = command === 'trace' ? options.flat() : options.flat().filter((o) => !['--max-transfers', '--max-file-bytes', '--input-format', '--header', '--evidence', '--flows', '--summary', '--as-of', '--mask', '--victim', '--diagram-level'].includes(o))
    argv.push(...flat)
    const ndjsonStdin = argv.includes('--input-format') && argv[argv.indexOf('--input-format') + 1] === 'ndjson'
    const stdin = path !== '-' ? Buffer.alloc(0) : ndjsonStdin !== (mismatch === 0) ? texts.ndjson : texts.json
    const files: Array<readonly [string, Buffer]> = [
      ['case.json', texts.json], ['case.ndjson', texts.ndjson], ['case.jsonl', texts.ndjson], ['case.csv', texts.csv], ['case.csv.header.json', texts.header],
      ['header.json', texts.header], ['case.txt', texts.json], ['extra.json', texts.json], ['policy.json', policy],
    ]
    return withToString({ argv, stdin, files }, () => `{ argv: ${JSON.stringify(argv)}, stdin: ${summarize(stdin.toString('utf8'))}, case.json: ${summarize(texts.json.toString('utf8'))} }`)
  })

class Sink extends Writable {
  readonly chunks: Buffer[] = []
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
    callback()
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8')
  }
}

let cliRoot: string | undefined
let cliRun = 0

function cliDirectory(): string {
  if (cliRoot === undefined) {
    cliRoot = mkdtempSync(join(tmpdir(), 'fundtrace-fuzz-cli-'))
    process.once('exit', () => {
      if (cliRoot !== undefined) rmSync(cliRoot, { recursive: true, force: true })
    })
  }
  const dir = join(cliRoot, `run-${cliRun++}`)
  mkdirSync(dir)
  return dir
}

/** `run(argv, io)`: exit 0 with the result on stdout and nothing on stderr, or exit 2 with issues on stderr and nothing on stdout. */
export async function checkCliInput(t: CliFuzzInput): Promise<Outcome> {
  const cwd = cliDirectory()
  try {
    for (const [name, content] of t.files) writeFileSync(join(cwd, name), content)
    const stdout = new Sink()
    const stderr = new Sink()
    let code: number
    try {
      code = await run(t.argv, { stdout, stderr, stdin: Readable.from([t.stdin]), cwd, isTTY: false })
    } catch (error) {
      throw new PropertyFailure(`cli: run() rejected: ${describeError(error)}`)
    }
    const out = stdout.text()
    const err = stderr.text()
    const where = `cli ${JSON.stringify(t.argv)}`
    if (code === 2) {
      assert(out === '', () => `${where}: exit 2 with data on stdout: ${out.slice(0, 300)}`)
      assert(/^fundtrace: [a-z_]+\b/.test(err), () => `${where}: exit 2 without issues on stderr: ${JSON.stringify(err.slice(0, 300))}`)
      for (const line of err.split('\n')) {
        if (line.startsWith('fundtrace: ')) assert(/^fundtrace: [a-z_]+( at [^:]+?)?: /.test(line) || /^fundtrace: [a-z_]+:/.test(line), () => `${where}: stderr line is not an issue: ${JSON.stringify(line)}`)
      }
      return `exit2:${/^fundtrace: ([a-z_]+)/.exec(err)?.[1] ?? '?'}`
    }
    assert(code === 0, () => `${where}: exit ${code}; stderr: ${err.slice(0, 2000)}`)
    assert(err === '', () => `${where}: exit 0 with text on stderr: ${JSON.stringify(err.slice(0, 300))}`)
    const command = t.argv[0]
    const outFile = t.argv.includes('--out')
    const format = t.argv.includes('--format') ? t.argv[t.argv.lastIndexOf('--format') + 1] : 'json'
    const summary = t.argv.includes('--summary') || format !== 'json'
    if (command === 'trace') {
      if (outFile && !t.argv.includes('--summary')) {
        assert(out === '', `${where}: --out without --summary wrote on stdout`)
        return 'exit0:out'
      }
      assert(out.length > 0, `${where}: exit 0 with nothing on stdout`)
      if (summary) return `exit0:${t.argv.includes('--summary') ? 'summary' : format}`
      let report: unknown
      try {
        report = JSON.parse(out)
      } catch (error) {
        throw new PropertyFailure(`${where}: stdout is not JSON: ${describeError(error)}\n${out.slice(0, 300)}`)
      }
      checkReportJson(report, undefined, where)
      return 'exit0:report'
    }
    if (command === 'plan' && !outFile && format === 'json') {
      const plan = JSON.parse(out) as { format: string; report: unknown }
      assert(plan.format === 'fundtrace/plan@1', `${where}: plan format`)
      checkReportJson(plan.report, undefined, `${where}: plan.report`)
      return 'exit0:plan'
    }
    if (command === 'link') JSON.parse(out)
    return `exit0:${command}`
  } finally {
    rmSync(cwd, { recursive: true, force: true })
  }
}

// ─── targets ─────────────────────────────────────────────────────────────────────────────────

/** Every fuzz target, with its share of the runs. */
export const TARGETS: ReadonlyArray<FuzzTarget<never>> = [
  { name: 'case.value', weight: 1_400, arbitrary: caseValueInputArb, check: checkCaseInput },
  { name: 'case.text', weight: 600, arbitrary: caseTextInputArb, check: checkCaseInput },
  { name: 'statements.police', weight: 650, arbitrary: policeInputArb, check: checkStatementInput },
  { name: 'statements.generic', weight: 550, arbitrary: fc.oneof(genericLedgerArb, genericStatementArb), check: checkStatementInput },
  { name: 'statements.bytes', weight: 250, arbitrary: statementBytesArb, check: checkStatementInput },
  { name: 'read.ndjson', weight: 550, arbitrary: ndjsonInputArb, check: checkStreamInput },
  { name: 'read.csv', weight: 500, arbitrary: csvInputArb, check: checkStreamInput },
  { name: 'cli', weight: 500, arbitrary: cliInputArb, check: checkCliInput },
] as unknown as ReadonlyArray<FuzzTarget<never>>
