import { FundtraceError, formatIssue, isFundtraceError } from '../errors/index.js'
import { write, type CliIo, type ExitCode } from './_io.js'

/** A usage problem: reported like input issues, with exit code 2. */
export function usageError(message: string, path: string[] = []): FundtraceError {
  return new FundtraceError([{ code: 'invalid_option', message, path }])
}

/**
 * Reports a failure on stderr: every issue of a FundtraceError (exit 2), or an internal error
 * (exit 1) — never a stack trace mixed into data.
 */
export async function reportFailure(error: unknown, io: CliIo, usage?: string): Promise<ExitCode> {
  if (isFundtraceError(error)) {
    const lines = error.issues.map((issue) => `fundtrace: ${formatIssue(issue)}`)
    if (usage && error.issues.some((i) => i.code === 'invalid_option')) lines.push('', usage)
    await write(io.stderr, `${lines.join('\n')}\n`)
    return 2
  }
  const message = error instanceof Error ? error.message : String(error)
  await write(io.stderr, `fundtrace: internal error: ${message}\nPlease report this with the input that caused it.\n`)
  return 1
}
