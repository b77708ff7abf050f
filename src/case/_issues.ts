/**
 * Turning zod issues into fundtrace {@link Issue}s (code `schema`), with plainer messages.
 *
 * @module case/_issues
 */
import type { z } from 'zod'
import type { Issue, IssueCode, IssuePath } from '../errors/index.js'
import { show } from './_id.js'

/**
 * The `schema` issues of a failed zod parse, their paths prefixed with `prefix`.
 *
 * @example
 * const r = TransferSchema.safeParse({})
 * if (!r.success) schemaIssues(r.error, ['transfers', 3]) // [{ code: 'schema', path: ['transfers', 3, 'id'], … }, …]
 */
export function schemaIssues(error: z.ZodError, prefix: IssuePath): Issue[] {
  const out: Issue[] = []
  for (const issue of error.issues) {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))]
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ code: 'schema', message: `unknown field ${show(key)}`, path: [...path, key] })
    } else if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) {
      const field = path[path.length - 1]
      out.push({ code: 'schema', message: typeof field === 'string' ? `missing required field ${show(field)}` : issue.message, path })
    } else {
      out.push({ code: 'schema', message: issue.message, path })
    }
  }
  return out
}

/**
 * Builds one issue.
 *
 * @example
 * issue('self_transfer', 'from and to are the same account', ['transfers', 0, 'to'])
 */
export function issue(code: IssueCode, message: string, path: IssuePath): Issue {
  return { code, message, path }
}
