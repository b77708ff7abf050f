/**
 * Streaming NDJSON case reader: line 1 is the header (every field but `transfers`), then one
 * transfer JSON per line. Lines are read one at a time with `node:readline`; the file is never
 * held as one string. Issues carry the 1-based `line`.
 *
 * @module io/_case-ndjson
 */
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'
import type { Issue } from '../errors/index.js'
import type { CaseAssembler } from '../case/_assemble.js'

/**
 * A header supplied apart from the stream (then every line of the stream is a transfer).
 *
 * @example
 * await readNdjsonInto(stream, assembler, { value: JSON.parse(headerText) } satisfies SuppliedHeader)
 */
export interface SuppliedHeader {
  readonly value: unknown
}

/**
 * Feeds an NDJSON case to `assembler`: the header (from line 1, or `header` when given), then
 * each transfer line. Blank lines are skipped (they still count for line numbers). Stops early
 * when the header rules out the rest. Rejects with the input stream's error, if any.
 *
 * @example
 * const assembler = new CaseAssembler(assembleOptions({}))
 * await readNdjsonInto(fs.createReadStream('case.ndjson'), assembler)
 * const result = assembler.finish()
 */
export async function readNdjsonInto(input: Readable, assembler: CaseAssembler, header?: SuppliedHeader): Promise<void> {
  let streamError: unknown
  let failed = false
  const lines = createInterface({ input, crlfDelay: Infinity })
  const onError = (error: unknown): void => {
    if (!failed) streamError = error
    failed = true
    lines.close()
  }
  input.on('error', onError)
  const at = { line: 0 }
  const locate = (issue: Issue): Issue => ({ ...issue, line: at.line })
  const onLineOne = (issue: Issue): Issue => ({ ...issue, line: 1 })
  let needHeader = header === undefined
  if (header !== undefined && !assembler.header(header.value, 'header')) {
    input.off('error', onError)
    lines.close()
    return
  }
  try {
    for await (const rawLine of lines) {
      at.line++
      const line = at.line === 1 && rawLine.charCodeAt(0) === 0xfeff ? rawLine.slice(1) : rawLine
      if (needHeader) {
        needHeader = false
        const parsed = parseLine(line)
        if (!parsed.ok) {
          assembler.readerIssue({ code: 'invalid_json', message: `line 1 must be the case header as JSON: ${parsed.message}`, path: [], line: 1 })
          return
        }
        if (!assembler.header(parsed.value, 'header', onLineOne)) return
        continue
      }
      if (isBlank(line)) continue
      const parsed = parseLine(line)
      if (parsed.ok) assembler.transfer(parsed.value, locate)
      else assembler.unreadableTransfer(line, 'invalid_json', `line ${at.line} is not a JSON transfer: ${parsed.message}`, locate)
    }
  } finally {
    input.off('error', onError)
    lines.close()
  }
  if (failed) throw streamError
  if (needHeader) assembler.readerIssue({ code: 'schema', message: 'the NDJSON case is empty: line 1 must be the case header', path: [], line: 1 })
}

function parseLine(line: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(line) }
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) }
  }
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i)
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false
  }
  return true
}
