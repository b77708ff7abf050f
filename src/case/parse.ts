/**
 * Parsing a `fundtrace/case@1` case (DESIGN.md §2) into a {@link Case}: exact `bigint` amounts,
 * epoch-millisecond times, defaults applied, every issue collected.
 *
 * @module case/parse
 */
import { FundtraceError, isFundtraceError, type Issue } from '../errors/index.js'
import { assembleOptions, CaseAssembler, transferLimitIssue } from './_assemble.js'
import type { Case } from './types.js'

/**
 * Options of {@link parseCase} (and of the readers in `io/read-case`).
 *
 * @example
 * const options: ParseCaseOptions = { onInvalid: 'collect', maxTransfers: 5_000_000 }
 */
export interface ParseCaseOptions {
  /**
   * What to do with a transfer whose own fields are invalid: `throw` (default) fails the parse;
   * `collect` leaves it out of `transfers` and returns it in `invalid` (see {@link safeParseCase}).
   * Header, account and victim problems always fail the parse.
   */
  readonly onInvalid?: 'throw' | 'collect'
  /** Most transfers accepted (`limit_exceeded` beyond), checked before they are validated. */
  readonly maxTransfers?: number
  /** Most accounts accepted (`limit_exceeded` beyond). */
  readonly maxAccounts?: number
  /** Most victims accepted (`limit_exceeded` beyond). */
  readonly maxVictims?: number
}

/**
 * A transfer left out of the Case under `onInvalid: 'collect'`.
 *
 * @example
 * // { index: 5, id: 'T6', raw: { id: 'T6', amount: '0', … },
 * //   issues: [{ code: 'amount_not_positive', path: ['transfers', 5, 'amount'], … }] }
 */
export interface InvalidTransfer {
  /** Position among the input transfers (0-based; the `i` of `['transfers', i]`). */
  readonly index: number
  /** The transfer's id, when that field itself is valid. */
  readonly id?: string
  /** The transfer as given (for NDJSON a line that is not JSON is given as its text; for CSV the row's cells). */
  readonly raw: unknown
  /** Why it was refused; paths `['transfers', index, …]`, plus `line` or `row`/`column` from the readers. */
  readonly issues: readonly Issue[]
}

/**
 * Result of {@link safeParseCase}: never a partial Case.
 *
 * @example
 * const r: SafeParseCaseResult = safeParseCase(text)
 * const c = r.success ? r.data : undefined
 */
export type SafeParseCaseResult =
  | { readonly success: true; readonly data: Case; readonly invalid: InvalidTransfer[] }
  | { readonly success: false; readonly error: FundtraceError }

/**
 * Parses a case file and returns the {@link Case}, or throws one {@link FundtraceError} with every
 * issue found (zod-style `code`, `message`, `path` such as `['transfers', 3, 'amount']`).
 *
 * `input` is the JSON text (a string or UTF-8 bytes; bad JSON is `invalid_json`) or the value
 * `JSON.parse` made of it.
 *
 * Checks: `format` is `fundtrace/case@1` (`unsupported_format`, nothing else is checked then);
 * the shapes (`schema`; unknown fields are refused, except top-level fields starting with `x-`);
 * `unsupported_currency`; `invalid_timezone`; amounts and opening balances (`invalid_amount`,
 * `amount_precision`, `amount_not_positive`, `amount_too_large`); times (`invalid_time`) of
 * `reportedAt`, `asOf`, `statementThrough` and every transfer; `duplicate_id` (transfers,
 * accounts, victims, an id listed twice by a victim, a transfer claimed by two victims);
 * `self_transfer`; `unknown_transfer` (a victim names a transfer that is not in the case — or,
 * with `onInvalid: 'collect'`, that was left out as invalid); `not_victim_transfer` (the named
 * transfer does not leave one of that victim's accounts); `limit_exceeded` (options).
 *
 * Defaults: transfer `status` `posted`; account `kind` `bank`; `holderType` `individual`;
 * `openingBalance` 0.
 *
 * **Identifier rule.** Every id — account, victim, transfer and `caseId` — is a non-empty string
 * of at most 256 characters (Unicode code points), normalised to Unicode NFC. An id with leading
 * or trailing whitespace, a control character (Unicode `Cc`, e.g. tab, newline, NUL, U+0085) or a
 * lone UTF-16 surrogate is refused with `schema` — ids are never silently trimmed or repaired.
 * Two ids that are equal after NFC are the same id (so a second one is `duplicate_id`), and the
 * Case carries the NFC form everywhere (references in `victims` and `transfers` included).
 * Holder and victim names are NFC-normalised too. Any string is a valid id otherwise, including
 * `__proto__`, `constructor` or `toString`: ids are only ever keys of `Map`s.
 *
 * @example
 * const c = parseCase(fs.readFileSync('case.json', 'utf8'))
 * c.transfers[0].amount //=> 5000000n (for "50000.00" CNY)
 *
 * @example
 * try { parseCase({ format: 'fundtrace/case@1' }) } catch (e) {
 *   if (e instanceof FundtraceError) e.issues.map((i) => i.code) //=> ['schema', 'schema', …]
 * }
 */
export function parseCase(input: unknown, options?: ParseCaseOptions): Case {
  const result = safeParseCase(input, options)
  if (!result.success) throw result.error
  return result.data
}

/**
 * Like {@link parseCase}, but returns the outcome instead of throwing, together with the
 * transfers left out under `onInvalid: 'collect'` (valid + invalid = the input's transfers).
 * Throws nothing for any input; only a non-{@link FundtraceError} bug would escape.
 *
 * @example
 * const r = safeParseCase(text, { onInvalid: 'collect' })
 * if (r.success) console.log(`${r.data.transfers.length} transfers, ${r.invalid.length} left out`)
 * else for (const issue of r.error.issues) console.error(formatIssue(issue))
 */
export function safeParseCase(input: unknown, options?: ParseCaseOptions): SafeParseCaseResult {
  try {
    return parseCaseValue(readInput(input), options)
  } catch (error) {
    if (isFundtraceError(error)) return { success: false, error }
    throw error
  }
}

function parseCaseValue(value: unknown, options: ParseCaseOptions | undefined): SafeParseCaseResult {
  const assembler = new CaseAssembler(assembleOptions(options))
  if (!assembler.header(value, 'case')) return assembler.finish()
  const transfers = (value as Record<string, unknown>).transfers
  if (!Array.isArray(transfers)) {
    assembler.transfersMissing({
      code: 'schema',
      message: transfers === undefined ? 'missing required field "transfers"' : '"transfers" must be an array',
      path: ['transfers'],
    })
    return assembler.finish()
  }
  const limit = transferLimitIssue(transfers.length, options?.maxTransfers)
  if (limit !== undefined) throw new FundtraceError([limit])
  assembler.expectTransfers(transfers.length)
  for (let i = 0; i < transfers.length; i++) assembler.transfer(transfers[i])
  return assembler.finish()
}

function readInput(input: unknown): unknown {
  if (typeof input === 'string') return parseJson(input.charCodeAt(0) === 0xfeff ? input.slice(1) : input)
  if (input instanceof Uint8Array) return parseJson(new TextDecoder('utf-8').decode(input))
  return input
}

/**
 * `JSON.parse`, with a failure as a {@link FundtraceError} (`invalid_json`, with the `line` when
 * the engine tells the position).
 *
 * @example
 * parseJson('{"a":1}') //=> { a: 1 }
 * parseJson('{')       // throws FundtraceError [{ code: 'invalid_json', … }]
 */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).replace(/\r?\n/g, '\\n')
    const position = /at position (\d+)/.exec(message)
    const issue: Issue = { code: 'invalid_json', message: `not valid JSON: ${message}`, path: [] }
    if (position?.[1] === undefined) throw new FundtraceError([issue])
    const offset = Number(position[1])
    let line = 1
    for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++
    throw new FundtraceError([{ ...issue, line }])
  }
}
