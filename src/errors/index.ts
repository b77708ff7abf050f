/**
 * Errors as data, in the manner of zod: every problem with an input is an {@link Issue}
 * with a `code`, a `message` and a `path`; a {@link FundtraceError} carries all of them,
 * collected rather than thrown one by one.
 *
 * @module errors
 */

/** Codes of input problems that make a case or option set unusable. */
export type IssueCode =
  | 'invalid_json'
  | 'invalid_csv'
  | 'unsupported_format'
  | 'schema'
  | 'invalid_amount'
  | 'amount_precision'
  | 'amount_not_positive'
  | 'amount_too_large'
  | 'unsupported_currency'
  | 'invalid_time'
  | 'invalid_timezone'
  | 'duplicate_id'
  | 'self_transfer'
  | 'unknown_transfer'
  | 'unknown_victim'
  | 'unknown_account'
  | 'not_victim_transfer'
  | 'out_of_scope'
  | 'limit_exceeded'
  | 'invalid_option'
  | 'io_error'
  | 'conflicting_duplicate'

/** Codes of warnings: the result is usable, but the analyst should look. */
export type WarningCode =
  | 'shortfall'
  | 'after_as_of'
  | 'unreachable'
  | 'returned_to_other_victim'
  | 'balance_gap'
  | 'ambiguous_match'
  | 'duplicate_merged'
  | 'conflicting_duplicate'
  | 'metadata_conflict'

/** A path into the input: object keys and array indices, or CSV/NDJSON coordinates. */
export type IssuePath = ReadonlyArray<string | number>

/** One problem with an input. `row`/`column` are set for CSV input, `line` for NDJSON. */
export interface Issue {
  readonly code: IssueCode
  readonly message: string
  readonly path: IssuePath
  readonly row?: number
  readonly column?: string
  readonly line?: number
}

/** One warning attached to a result. */
export interface Warning {
  readonly code: WarningCode
  readonly message: string
  readonly path: IssuePath
}

/**
 * The one error type fundtrace throws for bad input. It never carries a partial result.
 *
 * @example
 * try { parseCase(input) } catch (e) {
 *   if (e instanceof FundtraceError) for (const i of e.issues) console.error(i.code, i.path, i.message)
 * }
 */
export class FundtraceError extends Error {
  override readonly name = 'FundtraceError'
  readonly issues: readonly Issue[]

  constructor(issues: readonly Issue[]) {
    if (issues.length === 0) throw new TypeError('fundtrace/errors: a FundtraceError needs at least one issue')
    super(summarizeIssues(issues))
    this.issues = issues
  }
}

/**
 * Whether a value is a {@link FundtraceError}, also across ESM/CJS copies of the package.
 *
 * @example
 * isFundtraceError(new FundtraceError([{ code: 'schema', message: 'x', path: [] }])) //=> true
 */
export function isFundtraceError(value: unknown): value is FundtraceError {
  return value instanceof FundtraceError || (value instanceof Error && value.name === 'FundtraceError' && Array.isArray((value as FundtraceError).issues))
}

/**
 * Formats one issue as a single line: `code at path: message`.
 *
 * @example
 * formatIssue({ code: 'invalid_amount', message: 'not a decimal', path: ['transfers', 3, 'amount'] })
 * //=> 'invalid_amount at transfers[3].amount: not a decimal'
 */
export function formatIssue(issue: Issue | Warning): string {
  const where = 'row' in issue && issue.row !== undefined
    ? `row ${issue.row}${issue.column ? `, column ${issue.column}` : ''}`
    : 'line' in issue && issue.line !== undefined
      ? `line ${issue.line}`
      : formatPath(issue.path)
  return where ? `${issue.code} at ${where}: ${issue.message}` : `${issue.code}: ${issue.message}`
}

/**
 * Formats a path the way JavaScript would address it.
 *
 * @example
 * formatPath(['transfers', 3, 'amount']) //=> 'transfers[3].amount'
 */
export function formatPath(path: IssuePath): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out += out ? `.${part}` : part
    else out += `[${JSON.stringify(part)}]`
  }
  return out
}

function summarizeIssues(issues: readonly Issue[]): string {
  const shown = issues.slice(0, 5).map(formatIssue).join('\n  ')
  const more = issues.length > 5 ? `\n  … and ${issues.length - 5} more` : ''
  return `${issues.length} issue${issues.length === 1 ? '' : 's'} in input:\n  ${shown}${more}`
}
