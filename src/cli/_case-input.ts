import { resolve } from 'node:path'
import type { Case } from '../case/types.js'
import { readCaseFile, readCaseStream } from '../io/read-case.js'
import { usageError } from './_errors.js'
import type { CliIo } from './_io.js'

export interface CaseInputOptions {
  readonly inputFormat?: string | undefined
  readonly header?: string | undefined
  readonly maxTransfers?: number | undefined
  readonly maxFileBytes?: number | undefined
}

/** Reads a case from a path, or from stdin when the path is `-`. */
export async function readCaseInput(path: string | undefined, options: CaseInputOptions, io: CliIo): Promise<Case> {
  if (path === undefined) throw usageError('missing the case file (a path, or - for stdin)', ['case'])
  const limits = {
    ...(options.maxTransfers !== undefined ? { maxTransfers: options.maxTransfers } : {}),
    ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {}),
  }
  if (path === '-') {
    const format = options.inputFormat ?? 'json'
    if (format !== 'json' && format !== 'ndjson') throw usageError(`--input-format must be json or ndjson for stdin, got ${JSON.stringify(format)}`, ['input-format'])
    return readCaseStream(io.stdin, { format, ...limits })
  }
  return readCaseFile(resolve(io.cwd, path), { ...(options.header ? { header: resolve(io.cwd, options.header) } : {}), ...limits })
}
