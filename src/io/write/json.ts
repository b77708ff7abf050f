/**
 * JSON text of a report in chunks, byte-identical to `JSON.stringify(value, null, 2)`: top-level
 * arrays are written element by element, so a report with a million accounts never becomes one
 * string (V8 caps a string at about 512 MiB).
 *
 * @example
 * for (const chunk of jsonChunks(report)) process.stdout.write(chunk)
 */
export function* jsonChunks(value: object): Generator<string> {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function')
  if (Array.isArray(value) || entries.length === 0) {
    yield JSON.stringify(value, null, 2)
    return
  }
  yield '{'
  let first = true
  for (const [key, v] of entries) {
    yield `${first ? '' : ','}\n  ${JSON.stringify(key)}: `
    first = false
    if (Array.isArray(v) && v.length > 0) {
      yield '['
      for (let i = 0; i < v.length; i++) yield `${i === 0 ? '' : ','}\n    ${indent(JSON.stringify(v[i] ?? null, null, 2), '    ')}`
      yield '\n  ]'
    } else {
      yield indent(JSON.stringify(v, null, 2), '  ')
    }
  }
  yield '\n}'
}

function indent(text: string, prefix: string): string {
  return text.includes('\n') ? text.replace(/\n/g, `\n${prefix}`) : text
}
