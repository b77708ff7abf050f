/** Options of {@link jsonChunks}. */
export interface JsonChunksOptions {
  /**
   * How many levels of objects and arrays are written member by member (default 2: the report's
   * top-level fields and the elements of its arrays); deeper values are stringified whole.
   */
  readonly depth?: number
}

/**
 * JSON text of a report in chunks, byte-identical to `JSON.stringify(value, null, 2)`: objects and
 * arrays down to `depth` levels are written member by member, so a report with a million accounts
 * (or a link report of a thousand cases) never becomes one string (V8 caps a string at about 512 MiB).
 *
 * @example
 * for (const chunk of jsonChunks(report)) process.stdout.write(chunk)
 * for (const chunk of jsonChunks(linkReport, { depth: 4 })) process.stdout.write(chunk)
 */
export function* jsonChunks(value: object, options: JsonChunksOptions = {}): Generator<string> {
  yield* chunksOf(value, '', options.depth ?? 2)
}

function* chunksOf(value: unknown, indent: string, depth: number): Generator<string> {
  if (depth <= 0 || value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    yield stringifyAt(value, indent.length / 2)
    return
  }
  const inner = `${indent}  `
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]'
      return
    }
    yield '['
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? '' : ','}\n${inner}`
      const v: unknown = value[i]
      yield* chunksOf(v === undefined || typeof v === 'function' || typeof v === 'symbol' ? null : v, inner, depth - 1)
    }
    yield `\n${indent}]`
    return
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol')
  if (entries.length === 0) {
    yield '{}'
    return
  }
  yield '{'
  let first = true
  for (const [key, v] of entries) {
    yield `${first ? '' : ','}\n${inner}${JSON.stringify(key)}: `
    first = false
    yield* chunksOf(v, inner, depth - 1)
  }
  yield `\n${indent}}`
}

/**
 * `JSON.stringify(value, null, 2)` as it reads `level` levels deep (each line after the first
 * indented by 2 × `level` more spaces), indented by the engine itself: the value is wrapped in
 * `level` arrays and the wrappers' lines are sliced off — no pass over the text to re-indent it.
 */
function stringifyAt(value: unknown, level: number): string {
  if (level === 0) return JSON.stringify(value, null, 2) ?? 'null'
  let wrapped: unknown = value
  for (let i = 0; i < level; i++) wrapped = [wrapped]
  const text = JSON.stringify(wrapped, null, 2)
  // level 2: "[\n  [\n    " + value + "\n  ]\n]"
  return text.slice(level * level + 3 * level, text.length - (level * level + level))
}
