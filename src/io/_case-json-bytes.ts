/**
 * The fast reader of a JSON case file: its bytes straight into the case's columns, without
 * decoding the file into one string, `JSON.parse` of it, or an object per transfer.
 *
 * The header — the file with the `transfers` array emptied — is decoded and parsed with
 * `JSON.parse` and checked as usual. Each transfer is read from its bytes by
 * `readTransferBytes` when it has the common shape; any other transfer is cut out, parsed with
 * `JSON.parse` and validated the ordinary way. Whenever the file is not plainly a valid case —
 * a syntax error, an issue in the header, `transfers` missing or not an array — the reader gives
 * up (`undefined`) and the caller parses the file the ordinary way, which reports the issues. So
 * both ways give the same Case, and the same issues, for every file.
 *
 * @module io/_case-json-bytes
 */
import { assembleOptions, CaseAssembler, type AssembleOptions } from '../case/_assemble.js'
import { ByteTransfer, readTransferBytes, skipSpace } from '../case/_byte-transfer.js'
import type { ParseCaseOptions, SafeParseCaseResult } from '../case/parse.js'
import { isFundtraceError } from '../errors/index.js'
import { skipJsonString, skipJsonValue } from './_json-skip.js'

/** Where the `transfers` array lies: its `[` and its `]`. */
interface ArraySpan {
  readonly open: number
  readonly close: number
}

const TRANSFERS = Buffer.from('transfers')

/**
 * The case in the JSON file `bytes` (UTF-8, with or without a byte-order mark), or `undefined`
 * when it must be parsed the ordinary way (see the module).
 *
 * @example
 * const r = readJsonCaseBytes(await readFile('case.json'), {}) ?? safeParseCase(text)
 */
export function readJsonCaseBytes(bytes: Uint8Array, options: ParseCaseOptions): SafeParseCaseResult | undefined {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
  const assemble = { ...assembleOptions(options), columnar: true }
  // The array is nearly always the file's last field: take that for granted first. When the
  // file is not read so, the array is found the long way, and read again if it ends elsewhere.
  const guessed = transfersSpan(bytes, start, lastArrayClose(bytes))
  const result = guessed === undefined ? undefined : readWithSpan(bytes, start, guessed, assemble)
  if (result !== undefined && result !== 'misframed') return result
  const exact = transfersSpan(bytes, start, -1)
  if (exact === undefined || exact.close === guessed?.close) return undefined
  const again = readWithSpan(bytes, start, exact, assemble)
  return again === 'misframed' ? undefined : again
}

function readWithSpan(bytes: Uint8Array, start: number, span: ArraySpan, options: AssembleOptions): SafeParseCaseResult | undefined | 'misframed' {
  let header: unknown
  try {
    header = JSON.parse(utf8(bytes, start, span.open + 1) + utf8(bytes, span.close, bytes.length))
  } catch {
    return undefined
  }
  const emptied = typeof header === 'object' && header !== null ? (header as Record<string, unknown>).transfers : undefined
  if (!Array.isArray(emptied) || emptied.length !== 0) return undefined
  const assembler = new CaseAssembler(options)
  if (!assembler.header(header, 'case')) return undefined
  const digits = assembler.byteDigits
  if (digits === undefined) return undefined
  try {
    const read = readTransfers(bytes, span, digits, assembler)
    if (read !== true) return read
  } catch (error) {
    // over maxTransfers: the ordinary parse says so (before any transfer), or that the file is not JSON
    if (isFundtraceError(error)) return undefined
    throw error
  }
  return assembler.finish()
}

/** Feeds the array's transfers to `assembler`: `true`, or why the file must be read another way. */
function readTransfers(bytes: Uint8Array, span: ArraySpan, digits: number, assembler: CaseAssembler): true | undefined | 'misframed' {
  const fields = new ByteTransfer()
  let p = skipSpace(bytes, span.open + 1)
  if (p === span.close) return true
  for (;;) {
    let end = readTransferBytes(bytes, p, digits, fields)
    if (end < 0 || !assembler.bytesTransfer(bytes, fields)) {
      end = skipJsonValue(bytes, p)
      if (end < 0) return 'misframed'
      let value: unknown
      try {
        value = JSON.parse(utf8(bytes, p, end))
      } catch {
        return undefined
      }
      assembler.transfer(value)
    }
    p = skipSpace(bytes, end)
    if (bytes[p] === 44 /* , */) {
      p = skipSpace(bytes, p + 1)
      continue
    }
    return p === span.close ? true : 'misframed'
  }
}

/**
 * The top-level `transfers` array of the case: its `[`, and its `]` — `close` when given (≥ 0),
 * else found by skipping the array. `undefined` when the file is not a JSON object with exactly
 * one `transfers` field holding an array, or has a field name with an escape.
 */
function transfersSpan(bytes: Uint8Array, start: number, close: number): ArraySpan | undefined {
  let p = skipSpace(bytes, start)
  if (bytes[p] !== 123 /* { */) return undefined
  p = skipSpace(bytes, p + 1)
  let span: ArraySpan | undefined
  if (bytes[p] === 125 /* } */) return undefined
  for (;;) {
    const keyEnd = skipJsonString(bytes, p)
    if (keyEnd < 0 || bytes.subarray(p + 1, keyEnd - 1).includes(92 /* \ */)) return undefined
    const isTransfers = Buffer.compare(bytes.subarray(p + 1, keyEnd - 1), TRANSFERS) === 0
    p = skipSpace(bytes, keyEnd)
    if (bytes[p] !== 58 /* : */) return undefined
    p = skipSpace(bytes, p + 1)
    if (isTransfers) {
      if (span !== undefined || bytes[p] !== 91 /* [ */) return undefined
      const end = close > p ? close + 1 : close < 0 ? skipJsonValue(bytes, p) : -1
      if (end < 0) return undefined
      span = { open: p, close: end - 1 }
      p = end
    } else {
      p = skipJsonValue(bytes, p)
      if (p < 0) return undefined
    }
    p = skipSpace(bytes, p)
    if (bytes[p] === 44 /* , */) {
      p = skipSpace(bytes, p + 1)
      continue
    }
    if (bytes[p] !== 125 /* } */) return undefined
    return skipSpace(bytes, p + 1) === bytes.length ? span : undefined
  }
}

/** Position of the `]` in a file that ends `] }` (whitespace aside), else -1. */
function lastArrayClose(bytes: Uint8Array): number {
  let q = bytes.length - 1
  while (q >= 0 && isSpace(bytes[q]!)) q--
  if (bytes[q] !== 125) return -1
  q--
  while (q >= 0 && isSpace(bytes[q]!)) q--
  return bytes[q] === 93 ? q : -1
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9
}

function utf8(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', start, end)
}
