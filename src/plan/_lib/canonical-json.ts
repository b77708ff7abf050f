/** Internal: canonical JSON (sorted keys, no whitespace) for hashing. */
import { compareCodePoints } from './order.js'

/**
 * Serialises a JSON value with object keys sorted in code-point order and no whitespace, so
 * equal values always give identical text. `undefined` object members are omitted; non-finite
 * numbers, bigints, functions and symbols are refused.
 *
 * @example
 * canonicalJson({ b: 1, a: [true, null] }) //=> '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value)
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('fundtrace/plan: canonical JSON has no non-finite numbers')
      return JSON.stringify(value)
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`
      const record = value as Record<string, unknown>
      const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort(compareCodePoints)
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`
    }
    default:
      throw new TypeError(`fundtrace/plan: canonical JSON cannot hold a ${typeof value}`)
  }
}
