import type { Case } from '../case/types.js'
import { FundtraceError, type Issue } from '../errors/index.js'
import { buildLedger } from '../ledger/index.js'
import { METHODS, type Method } from '../report/types.js'
import { assembleResult } from './assemble.js'
import { rememberSweep } from './explain.js'
import { sweep } from './sweep.js'
import type { TraceOptions, TraceResult } from './types.js'

/**
 * Traces every victim's money through the case in one time-ordered sweep and returns, exactly
 * in minor units, where it is: per victim `loss = held + exited + returned + beyond`, every
 * account it reached with its level, the transfers that carried it and what can still be caught.
 * The result does not depend on the order of the input arrays.
 *
 * @example
 * const result = trace(parseCase(json), { method: 'fifo' })
 * result.victims[0] //=> { id: 'V1', loss: 5000000n, held: 3100000n, exited: 1900000n, … }
 */
export function trace(caseFile: Case, options: TraceOptions = {}): TraceResult {
  const { method, maxLevel, asOf } = checkOptions(options)
  const ledger = buildLedger(caseFile, asOf === undefined ? { scope: 'reachable' } : { asOf, scope: 'reachable' })
  const state = sweep(ledger, method, maxLevel)
  const result = assembleResult(ledger, state, method, maxLevel)
  rememberSweep(result, ledger, state)
  return result
}

/** Validates trace options; `extra` collects issues of options layered on top (the incremental tracer's). */
export function checkOptions(options: TraceOptions, extra: Issue[] = []): { method: Method; maxLevel: number | null; asOf: number | null | undefined } {
  const issues: Issue[] = [...extra]
  const method = options.method ?? 'fifo'
  if (!(METHODS as readonly string[]).includes(method)) {
    issues.push({ code: 'invalid_option', message: `method must be one of ${METHODS.join(', ')}, got ${JSON.stringify(method)}`, path: ['method'] })
  }
  const maxLevel = options.maxLevel ?? null
  if (maxLevel !== null && !(Number.isSafeInteger(maxLevel) && maxLevel >= 1)) {
    issues.push({ code: 'invalid_option', message: `maxLevel must be a positive integer, got ${String(maxLevel)}`, path: ['maxLevel'] })
  }
  const asOf = options.asOf
  if (asOf !== undefined && asOf !== null && !Number.isFinite(asOf)) {
    issues.push({ code: 'invalid_option', message: 'asOf must be epoch milliseconds', path: ['asOf'] })
  }
  if (issues.length > 0) throw new FundtraceError(issues)
  return { method, maxLevel, asOf }
}
