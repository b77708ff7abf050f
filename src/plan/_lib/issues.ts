/** Internal: zod issues → fundtrace issues. */
import type { z } from 'zod'
import type { Issue, IssueCode, IssuePath } from '../../errors/index.js'
import { formatPath } from '../../errors/index.js'

/**
 * Converts zod issues into fundtrace issues with one code, prefixing `base` to every path.
 *
 * @example
 * fromZod(result.error, 'invalid_option', ['policy'])
 */
export function fromZod(error: z.ZodError, code: IssueCode, base: IssuePath = [], what = 'option'): Issue[] {
  return error.issues.map((issue) => {
    const path = [...base, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))]
    const where = formatPath(path)
    return { code, message: `fundtrace/plan: ${what}${where ? ` ${where}` : ''}: ${issue.message}`, path }
  })
}
