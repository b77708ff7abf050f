import { parseArgs, type ParseArgsConfig } from 'node:util'
import { parseTime } from '../case/time.js'
import { METHODS, type Method } from '../report/types.js'
import { usageError } from './_errors.js'

/**
 * A command's arguments: `options` by name, the rest positional, anything unknown a usage error
 * (exit 2) instead of a thrown `TypeError`.
 *
 * @example
 * const { values, positionals } = parseCommandArgs(argv, { quiet: { type: 'boolean' } })
 */
export function parseCommandArgs<const O extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options })
  } catch (error) {
    throw usageError((error as Error).message)
  }
}

/** Parses `--method`. */
export function methodOption(value: string | undefined, allowAll = false): Method | 'all' {
  const method = value ?? 'fifo'
  if (allowAll && method === 'all') return 'all'
  if (!(METHODS as readonly string[]).includes(method)) {
    throw usageError(`--method must be one of ${METHODS.join(', ')}${allowAll ? ', all' : ''}; got ${JSON.stringify(method)}`, ['method'])
  }
  return method as Method
}

/** Parses a positive integer option such as `--max-level`. */
export function positiveIntOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined
  if (!/^[1-9][0-9]{0,14}$/.test(value)) throw usageError(`--${name} must be a positive integer, got ${JSON.stringify(value)}`, [name])
  return Number(value)
}

/** Parses an ISO time option such as `--as-of`, read in the case timezone when it has no offset. */
export function timeOption(value: string | undefined, name: string, timezone: string): number | undefined {
  if (value === undefined) return undefined
  const parsed = parseTime(value, timezone)
  if (!parsed.ok) throw usageError(`--${name}: ${parsed.message}`, [name])
  return parsed.value
}

/** Checks a `--format` value against the formats a command offers. */
export function formatOption<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  const format = value ?? fallback
  if (!(allowed as readonly string[]).includes(format)) throw usageError(`--format must be one of ${allowed.join(', ')}; got ${JSON.stringify(format)}`, ['format'])
  return format as T
}
