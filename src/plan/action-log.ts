/**
 * The action log: an append-only, SHA-256 hash-chained record of what was proposed, executed,
 * cancelled, converted to a judicial freeze or reported back (DESIGN.md §1 steps 2, 6, 7 and 9).
 * A wrong stop is cancelled — a new entry — never deleted. Each entry's hash covers the canonical
 * JSON (sorted keys, no whitespace) of its sequence number, time, event and the previous entry's
 * hash, so any change to a stored entry breaks the chain from there on.
 *
 * The log is an immutable value: {@link append} returns a new log (copying the entry list, O(n)).
 * Serialised as NDJSON, one canonical JSON entry per line, each line ending in `\n`.
 *
 * A hash chain proves integrity, not completeness: dropping the newest entries leaves a valid
 * shorter chain. Keep the head hash ({@link verify} returns it) somewhere else and pass it back
 * as `expect.head` to detect truncation.
 *
 * @module plan/action-log
 */
import { createHash } from 'node:crypto'
import { addHours } from 'date-fns'
import { z } from 'zod'
import { FundtraceError, type Issue } from '../errors/index.js'
import type { ActionKind, Hold } from '../report/types.js'
import { canonicalJson } from './_lib/canonical-json.js'
import { fromZod } from './_lib/issues.js'
import { compareCodePoints } from './_lib/order.js'

/**
 * `prev` of the first entry: 64 zeros.
 *
 * @example
 * append(createLog(), event, now).entries[0]!.prev === GENESIS //=> true
 */
export const GENESIS = '0'.repeat(64)

/**
 * Days a 5-day stop lasts (有效期5天).
 *
 * @example
 * FIVE_DAY_HOLD_DAYS //=> 5
 */
export const FIVE_DAY_HOLD_DAYS = 5

const id = z.string().min(1).max(200)
const text = z.string().min(1).max(2000)
const decimal = z.string().regex(/^[0-9]+(\.[0-9]+)?$/, 'a non-negative decimal string of major units')
const iso = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'an ISO 8601 UTC time as Date#toISOString writes it')
const officerId = z.string().regex(/^[0-9A-Za-z-]{4,32}$/, "an officer's ID number (4–32 letters, digits or '-')")
const actionKind = z.enum(['stop_payment', 'escalate_platform', 'delay_credit', 'return_to_origin', 'reverse_transaction'])
const hold = z.enum(['long_term', '5d'])

const proposedSchema = z.strictObject({
  type: z.literal('proposed'), actionId: id, account: id, kind: actionKind, hold: hold.optional(), amount: decimal,
  caseId: id.optional(), rank: z.int().min(1).optional(), reason: text.optional(),
})
const executedFields = { type: z.literal('executed'), actionId: id, by: text, hold: hold.optional(), reference: text.optional() }
const executedInputSchema = z.strictObject(executedFields)
const executedSchema = z.strictObject({ ...executedFields, expiresAt: iso.optional() })
const expiresSchema = z.strictObject({ type: z.literal('expires'), actionId: id, note: text.optional() })
const cancelledSchema = z.strictObject({ type: z.literal('cancelled'), actionId: id, reason: text, by: text.optional() })
const freezeSchema = z.strictObject({
  type: z.literal('converted_to_judicial_freeze'), actionId: id,
  officers: z.tuple([officerId, officerId]).refine(([a, b]) => a.toUpperCase() !== b.toUpperCase(), 'two different officers are required'),
  document: text.optional(),
})
const escalationSchema = z.strictObject({
  type: z.literal('escalation_result'), escalationId: id, account: id, status: z.enum(['submitted', 'resolved', 'failed']),
  note: text.optional(), reference: text.optional(), frozenAmount: decimal.optional(),
})

const inputSchema = z.discriminatedUnion('type', [proposedSchema, executedInputSchema, expiresSchema, cancelledSchema, freezeSchema, escalationSchema])
const eventSchema = z.discriminatedUnion('type', [proposedSchema, executedSchema, expiresSchema, cancelledSchema, freezeSchema, escalationSchema])
const entrySchema = z.strictObject({
  seq: z.int().min(0),
  at: iso,
  event: eventSchema,
  prev: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
})

/**
 * An action was proposed (from a report's ranked actions).
 *
 * @example
 * append(log, { type: 'proposed', actionId: 'A1', account: '6222…', kind: 'stop_payment', hold: 'long_term', amount: '12000.00' }, now)
 */
export interface ProposedEvent {
  readonly type: 'proposed'
  readonly actionId: string
  readonly account: string
  readonly kind: ActionKind
  readonly hold?: Hold
  readonly amount: string
  readonly caseId?: string
  readonly rank?: number
  readonly reason?: string
}
/**
 * The action was carried out. For a 5-day hold the log adds `expiresAt` (time + 5 × 24 h, date-fns `addHours`: the same instant on every machine, whatever its timezone).
 *
 * @example
 * append(log, { type: 'executed', actionId: 'A1', by: 'BOC 济南分行营业部', reference: 'ZF-001' }, now)
 */
export interface ExecutedEvent {
  readonly type: 'executed'
  readonly actionId: string
  /** Who executed it (staff id, branch, or institution). */
  readonly by: string
  /** The hold actually applied, when it differs from the proposal. */
  readonly hold?: Hold
  readonly reference?: string
  /** Computed by {@link append}; never given by the caller. */
  readonly expiresAt?: string
}
/**
 * A 5-day stop lapsed without being converted to a judicial freeze.
 *
 * @example
 * append(log, { type: 'expires', actionId: 'A1' }, now)
 */
export interface ExpiresEvent { readonly type: 'expires'; readonly actionId: string; readonly note?: string }
/**
 * A stop found to be wrong was cancelled at once (立即取消止付). `reason` is required.
 *
 * @example
 * append(log, { type: 'cancelled', actionId: 'A1', reason: '户名核实有误,错误止付' }, now)
 */
export interface CancelledEvent { readonly type: 'cancelled'; readonly actionId: string; readonly reason: string; readonly by?: string }
/**
 * The stop became a judicial freeze (司法冻结): the documents were scanned with two police officers' ID cards.
 *
 * @example
 * append(log, { type: 'converted_to_judicial_freeze', actionId: 'A1', officers: ['110101198001011234', '37010219850202123X'] }, now)
 */
export interface JudicialFreezeEvent {
  readonly type: 'converted_to_judicial_freeze'
  readonly actionId: string
  /** The two officers' ID numbers; two different ones are required. */
  readonly officers: readonly [string, string]
  readonly document?: string
}
/**
 * The anti-fraud centre reported an escalation's result.
 *
 * @example
 * append(log, { type: 'escalation_result', escalationId: item.id, account: item.account, status: 'resolved' }, now)
 */
export interface EscalationResultEvent {
  readonly type: 'escalation_result'
  readonly escalationId: string
  readonly account: string
  readonly status: 'submitted' | 'resolved' | 'failed'
  readonly note?: string
  readonly reference?: string
  readonly frozenAmount?: string
}

/**
 * Every event a log entry can hold.
 *
 * @example
 * log.entries.map((e) => e.event.type) //=> ['proposed', 'executed', 'cancelled']
 */
export type LogEvent = ProposedEvent | ExecutedEvent | ExpiresEvent | CancelledEvent | JudicialFreezeEvent | EscalationResultEvent

/**
 * What a caller appends: any event, `executed` without `expiresAt`.
 *
 * @example
 * const e: LogEventInput = { type: 'executed', actionId: 'A1', by: 'staff 0421' }
 */
export type LogEventInput = Exclude<LogEvent, ExecutedEvent> | Omit<ExecutedEvent, 'expiresAt'>

/**
 * One entry of the chain.
 *
 * @example
 * log.entries[1]!.prev === log.entries[0]!.hash //=> true
 */
export interface LogEntry {
  /** Position in the log, from 0. */
  readonly seq: number
  /** When the event was recorded, ISO 8601 UTC. */
  readonly at: string
  readonly event: LogEvent
  /** Hash of the previous entry ({@link GENESIS} for the first). */
  readonly prev: string
  /** SHA-256 (hex) of the canonical JSON of `{ seq, at, event, prev }`. */
  readonly hash: string
}

/**
 * An action log: entries oldest first.
 *
 * @example
 * const log: ActionLog = createLog()
 */
export interface ActionLog {
  readonly entries: readonly LogEntry[]
}

/**
 * Result of {@link verify}.
 *
 * @example
 * const r = verify(log); if (!r.ok) console.error(`broken at entry ${r.brokenAt}: ${r.reason}`)
 */
export type VerifyResult =
  | { readonly ok: true; readonly length: number; readonly head: string }
  | { readonly ok: false; readonly brokenAt: number; readonly reason: string }

/**
 * Where an action stands, replayed from the log.
 *
 * @example
 * actionStates(log)[0]!.status //=> 'judicial_freeze'
 */
export interface ActionState {
  readonly actionId: string
  readonly account: string
  readonly kind: ActionKind
  readonly hold?: Hold
  readonly status: 'proposed' | 'executed' | 'expired' | 'cancelled' | 'judicial_freeze'
  readonly proposedAt: string
  readonly executedAt?: string
  readonly expiresAt?: string
  readonly cancelledAt?: string
  readonly cancelReason?: string
  readonly convertedAt?: string
  /** Sequence numbers of the entries about this action. */
  readonly entries: readonly number[]
}

/**
 * A 5-day hold about to lapse.
 *
 * @example
 * for (const h of dueForRenewal(log, new Date())) remind(h.account, h.expiresAt)
 */
export interface DueHold {
  readonly actionId: string
  readonly account: string
  readonly executedAt: string
  readonly expiresAt: string
  /** Milliseconds left until expiry (negative for a lapsed hold). */
  readonly msLeft: number
}

/**
 * An empty log.
 *
 * @example
 * createLog().entries.length //=> 0
 */
export function createLog(): ActionLog {
  return Object.freeze({ entries: Object.freeze([]) as readonly LogEntry[] })
}

/**
 * Appends an event recorded at `now` and returns the new log (the old one is unchanged).
 * The event is validated (shape, and the action's state: an action is proposed once; only a
 * proposed action is executed; only a proposed or executed one is cancelled; only an executed
 * one, not yet lapsed, is converted to a judicial freeze, with two different officers' ID numbers;
 * `expires` only for a 5-day hold at or after its expiry), and `now` must not be before the last
 * entry. For an executed 5-day hold the entry records `expiresAt` = `addHours(now, 5 × 24)`.
 * Problems throw a {@link FundtraceError} with code `invalid_option`.
 *
 * @example
 * let log = createLog()
 * log = append(log, { type: 'proposed', actionId: 'A1', account: '6222…', kind: 'stop_payment', hold: '5d', amount: '0.00' }, new Date('2026-03-14T09:00:00Z'))
 * log = append(log, { type: 'executed', actionId: 'A1', by: 'BOC 济南分行营业部' }, new Date('2026-03-14T09:05:00Z'))
 * (log.entries[1]!.event as ExecutedEvent).expiresAt //=> '2026-03-19T09:05:00.000Z'
 */
export function append(log: ActionLog, event: LogEventInput, now: Date | number): ActionLog {
  const parsed = inputSchema.safeParse(event)
  if (!parsed.success) throw new FundtraceError(fromZod(parsed.error, 'invalid_option', ['event'], 'log event'))
  const ms = now instanceof Date ? now.getTime() : now
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw new FundtraceError([{ code: 'invalid_option', message: 'fundtrace/plan: log time must be a valid Date or epoch milliseconds', path: ['now'] }])
  }
  const at = new Date(ms).toISOString()
  const last = log.entries.at(-1)
  if (last && at < last.at) {
    throw new FundtraceError([{ code: 'invalid_option', message: `fundtrace/plan: log time ${at} is before the last entry (${last.at}); the log only grows forward`, path: ['now'] }])
  }
  let stored = parsed.data as LogEvent
  const states = replay(log.entries)
  const problem = checkTransition(states, stored, at)
  if (problem) throw new FundtraceError([{ code: 'invalid_option', message: `fundtrace/plan: ${problem}`, path: ['event'] }])
  if (stored.type === 'executed') {
    const state = states.get(stored.actionId)!
    if ((stored.hold ?? state.hold) === '5d') stored = { ...stored, expiresAt: addHours(new Date(ms), FIVE_DAY_HOLD_DAYS * 24).toISOString() }
  }
  const seq = log.entries.length
  const prev = last?.hash ?? GENESIS
  const entry: LogEntry = deepFreeze({ seq, at, event: stored, prev, hash: entryHash(seq, at, stored, prev) })
  return Object.freeze({ entries: Object.freeze([...log.entries, entry]) })
}

/**
 * Checks the chain: every entry's `seq` is its position, its `prev` is the previous entry's
 * hash, and its `hash` matches its content. With `expect`, also the length and head hash kept
 * elsewhere (detects dropped newest entries).
 *
 * @example
 * verify(log) //=> { ok: true, length: 2, head: '9f1c…' }
 * verify({ entries: [{ ...log.entries[0]!, at: '2026-03-15T00:00:00.000Z' }, log.entries[1]!] })
 * //=> { ok: false, brokenAt: 0, reason: 'entry 0: hash does not match its content' }
 */
export function verify(log: ActionLog, expect: { readonly head?: string; readonly length?: number } = {}): VerifyResult {
  let prev = GENESIS
  for (let i = 0; i < log.entries.length; i++) {
    const e = log.entries[i]!
    if (e.seq !== i) return { ok: false, brokenAt: i, reason: `entry ${i}: seq is ${e.seq}` }
    if (e.prev !== prev) return { ok: false, brokenAt: i, reason: `entry ${i}: prev does not match the previous entry's hash` }
    let hash: string
    try {
      hash = entryHash(e.seq, e.at, e.event, e.prev)
    } catch {
      return { ok: false, brokenAt: i, reason: `entry ${i}: content cannot be hashed` }
    }
    if (e.hash !== hash) return { ok: false, brokenAt: i, reason: `entry ${i}: hash does not match its content` }
    prev = e.hash
  }
  const n = log.entries.length
  if (expect.length !== undefined && expect.length !== n) return { ok: false, brokenAt: Math.min(n, expect.length), reason: `log has ${n} entries, expected ${expect.length}` }
  if (expect.head !== undefined && expect.head !== prev) return { ok: false, brokenAt: Math.max(0, n - 1), reason: 'head hash differs from the one expected' }
  return { ok: true, length: n, head: prev }
}

/**
 * Serialises a log as NDJSON: one canonical JSON entry per line, every line ending in `\n`
 * (an empty log is the empty string).
 *
 * @example
 * serialize(log).split('\n').length //=> log.entries.length + 1
 */
export function serialize(log: ActionLog): string {
  return log.entries.map((e) => `${canonicalJson(e)}\n`).join('')
}

/**
 * Parses a serialised log. Strict: UTF-8, every line the canonical JSON of a well-formed entry,
 * ending in `\n`; and (unless `verify: false`, for forensic reading) the hash chain must verify.
 * Problems throw a {@link FundtraceError} (`invalid_json` or `schema`) naming the 1-based `line`.
 *
 * @example
 * parse(serialize(log)).entries.length //=> log.entries.length
 */
export function parse(input: string | Uint8Array, options: { readonly verify?: boolean } = {}): ActionLog {
  const result = readLines(input)
  if (!result.ok) throw new FundtraceError([result.issue])
  const log: ActionLog = Object.freeze({ entries: Object.freeze(result.entries) })
  if (options.verify !== false) {
    const v = verify(log)
    if (!v.ok) throw new FundtraceError([{ code: 'schema', message: `fundtrace/plan: action log hash chain broken: ${v.reason}`, path: [v.brokenAt], line: v.brokenAt + 1 }])
  }
  return log
}

/**
 * Verifies serialised log bytes (or text) exactly as stored: any byte that is not exactly what
 * {@link serialize} wrote — bad UTF-8, a non-canonical line, a missing final newline, a
 * changed field — makes it fail at that line's entry.
 *
 * @example
 * verifySerialized(serialize(log)).ok //=> true
 * verifySerialized(serialize(log).replace('A1', 'A2')).ok //=> false
 */
export function verifySerialized(input: string | Uint8Array, expect: { readonly head?: string; readonly length?: number } = {}): VerifyResult {
  const result = readLines(input)
  if (!result.ok) return { ok: false, brokenAt: result.at, reason: result.issue.message }
  return verify({ entries: result.entries }, expect)
}

/**
 * The state of every action, replayed from the log, in order of first proposal.
 *
 * @example
 * actionStates(log).map((s) => [s.actionId, s.status]) //=> [['A1', 'cancelled']]
 */
export function actionStates(log: ActionLog): ActionState[] {
  return [...replay(log.entries).values()]
}

/**
 * 5-day holds that expire within `withinHours` (default 24) after `now` and still lack a
 * judicial freeze: executed, not cancelled, not converted, not recorded as lapsed. Ordered by
 * expiry, then action id. These need the police's freeze documents now (DESIGN.md §1 step 7).
 *
 * @example
 * dueForRenewal(log, new Date('2026-03-18T12:00:00Z'))
 * //=> [{ actionId: 'A1', account: '6222…', executedAt: '2026-03-14T09:05:00.000Z', expiresAt: '2026-03-19T09:05:00.000Z', msLeft: 75900000 }]
 */
export function dueForRenewal(log: ActionLog, now: Date | number, options: { readonly withinHours?: number } = {}): DueHold[] {
  const ms = now instanceof Date ? now.getTime() : now
  const window = (options.withinHours ?? 24) * 3_600_000
  return openHolds(log, ms).filter((h) => h.msLeft > 0 && h.msLeft <= window)
}

/**
 * 5-day holds whose expiry has passed at `now` with no judicial freeze, cancellation or
 * recorded lapse: the money may be moving again. Record them with an `expires` event.
 *
 * @example
 * lapsedHolds(log, new Date('2026-03-20T00:00:00Z')).map((h) => h.actionId) //=> ['A1']
 */
export function lapsedHolds(log: ActionLog, now: Date | number): DueHold[] {
  const ms = now instanceof Date ? now.getTime() : now
  return openHolds(log, ms).filter((h) => h.msLeft <= 0)
}

function openHolds(log: ActionLog, ms: number): DueHold[] {
  const out: DueHold[] = []
  for (const s of replay(log.entries).values()) {
    if (s.status !== 'executed' || s.expiresAt === undefined || s.executedAt === undefined) continue
    out.push({ actionId: s.actionId, account: s.account, executedAt: s.executedAt, expiresAt: s.expiresAt, msLeft: Date.parse(s.expiresAt) - ms })
  }
  return out.sort((a, b) => (a.expiresAt === b.expiresAt ? compareCodePoints(a.actionId, b.actionId) : a.expiresAt < b.expiresAt ? -1 : 1))
}

function entryHash(seq: number, at: string, event: LogEvent, prev: string): string {
  return createHash('sha256').update(canonicalJson({ seq, at, event, prev }), 'utf8').digest('hex')
}

type ReadResult = { ok: true; entries: LogEntry[] } | { ok: false; at: number; issue: Issue }

function readLines(input: string | Uint8Array): ReadResult {
  let textIn: string
  if (typeof input === 'string') {
    textIn = input
  } else {
    try {
      textIn = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(input)
    } catch {
      return { ok: false, at: 0, issue: { code: 'invalid_json', message: 'fundtrace/plan: action log is not valid UTF-8', path: [] } }
    }
  }
  if (textIn === '') return { ok: true, entries: [] }
  const lines = textIn.split('\n')
  const entries: LogEntry[] = []
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (i === lines.length - 1) {
      if (line === '') break
      return fail(i, 'schema', 'the last line does not end with a newline')
    }
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {
      return fail(i, 'invalid_json', 'not valid JSON')
    }
    const parsed = entrySchema.safeParse(value)
    if (!parsed.success) return fail(i, 'schema', fromZod(parsed.error, 'schema', [], 'entry').map((x) => x.message).join('; '))
    if (canonicalJson(parsed.data) !== line) return fail(i, 'schema', 'not in canonical form (sorted keys, no whitespace, JSON.stringify escapes)')
    entries.push(deepFreeze(parsed.data as LogEntry))
  }
  return { ok: true, entries }
}

function fail(index: number, code: 'invalid_json' | 'schema', message: string): ReadResult {
  return { ok: false, at: index, issue: { code, message: `fundtrace/plan: action log line ${index + 1}: ${message}`, path: [index], line: index + 1 } }
}

type MutableState = { -readonly [K in keyof ActionState]: ActionState[K] }

function replay(entries: readonly LogEntry[]): Map<string, ActionState> {
  const states = new Map<string, MutableState>()
  for (const { seq, at, event } of entries) {
    if (event.type === 'escalation_result') continue
    if (event.type === 'proposed') {
      if (states.has(event.actionId)) continue
      states.set(event.actionId, {
        actionId: event.actionId, account: event.account, kind: event.kind, status: 'proposed', proposedAt: at, entries: [seq],
        ...(event.hold !== undefined ? { hold: event.hold } : {}),
      })
      continue
    }
    const s = states.get(event.actionId)
    if (!s) continue
    s.entries = [...s.entries, seq]
    switch (event.type) {
      case 'executed':
        s.status = 'executed'
        s.executedAt = at
        if (event.hold !== undefined) s.hold = event.hold
        if (event.expiresAt !== undefined) s.expiresAt = event.expiresAt
        break
      case 'expires':
        s.status = 'expired'
        break
      case 'cancelled':
        s.status = 'cancelled'
        s.cancelledAt = at
        s.cancelReason = event.reason
        break
      case 'converted_to_judicial_freeze':
        s.status = 'judicial_freeze'
        s.convertedAt = at
        break
    }
  }
  return states as Map<string, ActionState>
}

function checkTransition(states: Map<string, ActionState>, event: LogEvent, at: string): string | undefined {
  if (event.type === 'escalation_result') return undefined
  const s = states.get(event.actionId)
  if (event.type === 'proposed') return s ? `action ${event.actionId} was already proposed (entry ${s.entries[0]})` : undefined
  if (!s) return `action ${event.actionId} was never proposed`
  switch (event.type) {
    case 'executed':
      return s.status === 'proposed' ? undefined : `action ${event.actionId} is ${s.status}; only a proposed action can be executed`
    case 'cancelled':
      return s.status === 'proposed' || s.status === 'executed'
        ? undefined
        : `action ${event.actionId} is ${s.status}; only a proposed or executed stop can be cancelled${s.status === 'judicial_freeze' ? ' (lifting a judicial freeze is for the police)' : ''}`
    case 'converted_to_judicial_freeze':
      if (s.status !== 'executed') return `action ${event.actionId} is ${s.status}; only an executed stop can become a judicial freeze`
      if (s.expiresAt !== undefined && at >= s.expiresAt) return `action ${event.actionId}'s 5-day hold expired at ${s.expiresAt}; it can no longer be converted`
      return undefined
    case 'expires':
      if (s.status !== 'executed' || s.expiresAt === undefined) return `action ${event.actionId} is not an executed 5-day hold; it cannot expire`
      if (at < s.expiresAt) return `action ${event.actionId}'s hold runs until ${s.expiresAt}; it has not expired`
      return undefined
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v)
    Object.freeze(value)
  }
  return value
}
