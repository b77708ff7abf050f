/**
 * Streaming NDJSON case reader: line 1 is the header (every field but `transfers`), then one
 * transfer JSON per line. The stream is read as bytes and cut into lines as `node:readline`
 * cuts them (at LF, CR LF or a lone CR); the file is never held as one string. A transfer line
 * of the common shape goes from its bytes straight into the columns (`readTransferBytes`); any
 * other line is decoded and parsed with `JSON.parse`, so both give the same Case and issues.
 * Issues carry the 1-based `line`.
 *
 * @module io/_case-ndjson
 */
import type { Readable } from 'node:stream'
import type { Issue } from '../errors/index.js'
import type { CaseAssembler } from '../case/_assemble.js'
import { ByteTransfer, readTransferBytes, skipSpace } from '../case/_byte-transfer.js'

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
  if (header !== undefined && !assembler.header(header.value, 'header')) return
  const lines = new LineReader(assembler, header === undefined)
  // an unfinished line, in pieces: joined once its end comes, so a long line is copied once
  let pieces: Buffer[] = []
  let lfEndsBreak = false
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const fresh = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    if (fresh.length === 0) continue
    // a CR that ended the last chunk and an LF that starts this one are one line break
    const from = lfEndsBreak && fresh[0] === 10 ? 1 : 0
    lfEndsBreak = false
    if (fresh.indexOf(10, from) === -1 && fresh.indexOf(13, from) === -1) {
      if (fresh.length > from) pieces.push(fresh.subarray(from))
      continue
    }
    const bytes = pieces.length === 0 ? fresh : Buffer.concat([...pieces, fresh.subarray(from)])
    let start = pieces.length === 0 ? from : 0
    pieces = []
    let nextCr = -2
    for (;;) {
      const lf = bytes.indexOf(10, start)
      if (nextCr !== -1 && nextCr < start) nextCr = bytes.indexOf(13, start)
      const end = nextCr !== -1 && (lf === -1 || nextCr < lf) ? nextCr : lf
      if (end === -1) break
      if (!lines.line(bytes, start, end)) return
      start = end + 1
      if (bytes[end] === 13) {
        if (start === bytes.length) lfEndsBreak = true
        else if (bytes[start] === 10) start++
      }
    }
    if (start < bytes.length) pieces.push(bytes.subarray(start))
  }
  if (pieces.length > 0) {
    const last = Buffer.concat(pieces)
    if (!lines.line(last, 0, last.length)) return
  }
  if (lines.needHeader) assembler.readerIssue({ code: 'schema', message: 'the NDJSON case is empty: line 1 must be the case header', path: [], line: 1 })
}

/** Feeds lines, one at a time and in order, to the assembler. */
class LineReader {
  private readonly assembler: CaseAssembler
  needHeader: boolean
  private number = 0
  private readonly fields = new ByteTransfer()
  private readonly locate = (issue: Issue): Issue => ({ ...issue, line: this.number })

  constructor(assembler: CaseAssembler, needHeader: boolean) {
    this.assembler = assembler
    this.needHeader = needHeader
  }

  /** Reads the line `bytes[start … end)`; `false` when the rest of the file is not worth reading. */
  line(bytes: Buffer, start: number, end: number): boolean {
    const n = ++this.number
    if (n === 1 && bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf) start += 3
    if (this.needHeader) return this.header(bytes.toString('utf8', start, end))
    const at = skipSpace(bytes, start)
    if (at >= end) return true // blank (spaces, tabs)
    const digits = this.assembler.byteDigits
    if (digits !== undefined) {
      const after = readTransferBytes(bytes, at, digits, this.fields)
      if (after > 0 && after <= end && skipSpace(bytes, after) >= end && this.assembler.bytesTransfer(bytes, this.fields)) return true
    }
    const text = bytes.toString('utf8', start, end)
    if (isBlank(text)) return true
    const parsed = parseLine(text)
    if (parsed.ok) this.assembler.transfer(parsed.value, this.locate)
    else this.assembler.unreadableTransfer(text, 'invalid_json', `line ${n} is not a JSON transfer: ${parsed.message}`, this.locate)
    return true
  }

  private header(text: string): boolean {
    this.needHeader = false
    const parsed = parseLine(text)
    if (!parsed.ok) {
      this.assembler.readerIssue({ code: 'invalid_json', message: `line 1 must be the case header as JSON: ${parsed.message}`, path: [], line: 1 })
      return false
    }
    return this.assembler.header(parsed.value, 'header', (issue) => ({ ...issue, line: 1 }))
  }
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
