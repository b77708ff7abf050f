/**
 * Reading case files from disk or a stream: JSON (read whole, its transfers from the bytes
 * straight into columns), NDJSON and CSV + JSON header (streamed line by line / row by row).
 * Every format goes through the same validation as {@link parseCase} and yields the same
 * {@link Case}.
 *
 * @module io/read-case
 */
import { createReadStream } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { extname } from 'node:path'
import { Duplex, type Readable } from 'node:stream'
import { assembleOptions, CaseAssembler } from '../case/_assemble.js'
import { parseJson, safeParseCase, type ParseCaseOptions, type SafeParseCaseResult } from '../case/parse.js'
import type { Case } from '../case/types.js'
import { FundtraceError, isFundtraceError } from '../errors/index.js'
import { byteLimit, formatBytes, limitError } from './_byte-limit.js'
import { readCsvInto } from './_case-csv.js'
import { readJsonCaseBytes } from './_case-json-bytes.js'
import { readNdjsonInto } from './_case-ndjson.js'

/**
 * Largest JSON case file read whole (400 MiB); larger cases belong in NDJSON or CSV.
 *
 * @example
 * MAX_JSON_FILE_BYTES //=> 419430400
 */
export const MAX_JSON_FILE_BYTES = 400 * 1024 * 1024

/**
 * A case header given as a value: every field of a case file but `transfers`.
 *
 * @example
 * const header: CaseHeaderValue = { format: 'fundtrace/case@1', caseId: 'C1', caseType: 'telecom_fraud',
 *   currency: 'CNY', timezone: 'Asia/Shanghai', victims: [{ id: 'V1', accounts: ['A'], transfers: ['T1'] }] }
 */
export type CaseHeaderValue = Readonly<Record<string, unknown>>

/**
 * Options of {@link readCaseFile}: the parse options plus where the header is and a size limit.
 *
 * @example
 * const options: ReadCaseOptions = { header: 'case.header.json', maxFileBytes: 2 ** 31, onInvalid: 'collect' }
 */
export interface ReadCaseOptions extends ParseCaseOptions {
  /**
   * The case header for NDJSON or CSV, as a path to its JSON file or as the value itself. CSV
   * default: `FILE.header.json` beside the CSV. NDJSON default: the file's first line (when a
   * header is given, every line of the file is a transfer). Not allowed for JSON.
   */
  readonly header?: string | CaseHeaderValue
  /** Largest input accepted, in bytes (`limit_exceeded` beyond). JSON is capped at {@link MAX_JSON_FILE_BYTES} anyway. */
  readonly maxFileBytes?: number
}

/**
 * Case file formats.
 *
 * @example
 * const format: CaseFileFormat = 'ndjson'
 */
export type CaseFileFormat = 'json' | 'ndjson' | 'csv'

/**
 * Options of {@link readCaseStream}: as {@link ReadCaseOptions}, plus the stream's format.
 *
 * @example
 * const options: ReadCaseStreamOptions = { format: 'csv', header: 'case.header.json' }
 */
export interface ReadCaseStreamOptions extends ReadCaseOptions {
  /** `json`, `ndjson` (header on line 1 unless `header` is given) or `csv` (needs `header`). */
  readonly format: CaseFileFormat
}

/**
 * Reads a case file, choosing the format by extension: `.json`; `.ndjson` / `.jsonl` (line 1 is
 * the header, then one transfer per line; issues carry `line`); `.csv` (transfers, with the
 * header in `FILE.header.json` or `options.header`; issues carry `row` and `column`). NDJSON and
 * CSV are streamed, never held whole. Throws a {@link FundtraceError} (`io_error` when the file
 * cannot be read, `limit_exceeded` for a JSON file over 400 MiB or a file over `maxFileBytes`).
 *
 * @example
 * const c = await readCaseFile('cases/JN-2026-0314-017.ndjson', { maxTransfers: 5_000_000 })
 *
 * @example
 * // transfers.csv + transfers.csv.header.json
 * const c = await readCaseFile('transfers.csv')
 */
export async function readCaseFile(path: string, options: ReadCaseOptions = {}): Promise<Case> {
  return unwrap(await safeReadCaseFile(path, options))
}

/**
 * Like {@link readCaseFile}, but resolves to the outcome instead of rejecting, with the
 * transfers left out under `onInvalid: 'collect'`.
 *
 * @example
 * const r = await safeReadCaseFile('big.csv', { onInvalid: 'collect' })
 * if (r.success) console.error(`${r.invalid.length} invalid rows left out`)
 */
export async function safeReadCaseFile(path: string, options: ReadCaseOptions = {}): Promise<SafeParseCaseResult> {
  try {
    const format = formatOfPath(path)
    checkReadOptions(options, format)
    const info = await stat(path)
    if (info.isDirectory()) throw ioError(path, 'it is a directory')
    if (info.isFile()) checkFileSize(info.size, format, options.maxFileBytes)
    if (format === 'json') {
      if (!info.isFile()) return await readJsonStream(createReadStream(path), options)
      return parseJsonBytes(await readFile(path), options)
    }
    const header = await headerOf(format === 'csv' ? options.header ?? `${path}.header.json` : options.header)
    // Opened only once the header is read: a stream left opening when the header fails would emit
    // its own error (the file gone meanwhile) with nobody listening, and kill the process.
    const stream = createReadStream(path, { highWaterMark: 1 << 20 })
    try {
      return await readStreamed(stream, format, header, options)
    } finally {
      stream.on('error', () => {})
      stream.destroy()
    }
  } catch (error) {
    return failure(error, path)
  }
}

/**
 * Reads a case from a stream (e.g. stdin), in the given format. JSON is buffered (up to 400 MiB
 * or `maxFileBytes`), NDJSON and CSV are streamed.
 *
 * @example
 * const c = await readCaseStream(process.stdin, { format: 'ndjson' })
 */
export async function readCaseStream(input: Readable, options: ReadCaseStreamOptions): Promise<Case> {
  return unwrap(await safeReadCaseStream(input, options))
}

/**
 * Like {@link readCaseStream}, but resolves to the outcome instead of rejecting.
 *
 * @example
 * const r = await safeReadCaseStream(process.stdin, { format: 'json' })
 */
export async function safeReadCaseStream(input: Readable, options: ReadCaseStreamOptions): Promise<SafeParseCaseResult> {
  try {
    const format = options.format
    if (format !== 'json' && format !== 'ndjson' && format !== 'csv') {
      throw new FundtraceError([{ code: 'invalid_option', message: `format must be "json", "ndjson" or "csv", got ${JSON.stringify(format)}`, path: ['format'] }])
    }
    checkReadOptions(options, format)
    if (format === 'json') return await readJsonStream(input, options)
    if (format === 'csv' && options.header === undefined) {
      throw new FundtraceError([{ code: 'invalid_option', message: 'a CSV stream needs the case header: give the header option (a path or the header value)', path: ['header'] }])
    }
    return await readStreamed(input, format, await headerOf(options.header), options)
  } catch (error) {
    return failure(error, undefined)
  }
}

async function readJsonStream(input: Readable, options: ReadCaseOptions): Promise<SafeParseCaseResult> {
  const limit = Math.min(MAX_JSON_FILE_BYTES, options.maxFileBytes ?? Infinity)
  const chunks: Buffer[] = []
  let bytes = 0
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    bytes += buffer.length
    if (bytes > limit) throw limitError(limit, 'the JSON case', jsonAdvice(limit))
    chunks.push(buffer)
  }
  return parseJsonBytes(Buffer.concat(chunks, bytes), options)
}

/** A JSON case from its bytes: straight into columns when it can, else the ordinary parse. */
function parseJsonBytes(bytes: Buffer, options: ReadCaseOptions): SafeParseCaseResult {
  return readJsonCaseBytes(bytes, options) ?? safeParseCase(bytes.toString('utf8'), options)
}

/** The header value: read from its file when given as a path. */
async function headerOf(header: string | CaseHeaderValue | undefined): Promise<{ readonly value: unknown } | undefined> {
  return header === undefined ? undefined : { value: typeof header === 'string' ? await readHeaderFile(header) : header }
}

async function readStreamed(input: Readable, format: 'ndjson' | 'csv', headerValue: { readonly value: unknown } | undefined, options: ReadCaseOptions): Promise<SafeParseCaseResult> {
  const assembler = new CaseAssembler({ ...assembleOptions(options), columnar: true })
  const limited = withByteLimit(input, options.maxFileBytes)
  try {
    if (format === 'ndjson') {
      await readNdjsonInto(limited, assembler, headerValue)
    } else if (headerValue !== undefined && assembler.header(headerValue.value, 'header')) {
      await readCsvInto(limited, assembler)
    }
  } finally {
    if (limited !== input) releaseLimiter(input, limited)
  }
  return assembler.finish()
}

/**
 * Detaches the byte limiter once the reader is done. A reader that stops early (a header that
 * rules out the rest) leaves data flowing into the limiter, which may then fail with nobody
 * listening — an uncaught error that would kill the process.
 */
function releaseLimiter(input: Readable, limited: Readable): void {
  if (limited instanceof Duplex) input.unpipe(limited)
  limited.on('error', () => {})
  limited.destroy()
}

async function readHeaderFile(path: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw ioError(path, `${messageOf(error)} (the case header; give another with the header option)`)
  }
  return parseJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
}

function withByteLimit(input: Readable, maxBytes: number | undefined): Readable {
  if (maxBytes === undefined) return input
  const limiter = byteLimit(maxBytes, 'the case file', 'raise maxFileBytes (--max-file-bytes) if this size is expected')
  input.on('error', (error) => limiter.destroy(error))
  return input.pipe(limiter)
}

function formatOfPath(path: string): CaseFileFormat {
  const extension = extname(path).toLowerCase()
  if (extension === '.json') return 'json'
  if (extension === '.ndjson' || extension === '.jsonl') return 'ndjson'
  if (extension === '.csv') return 'csv'
  throw new FundtraceError([{
    code: 'unsupported_format',
    message: `cannot tell the format of ${JSON.stringify(path)} from its extension; use .json, .ndjson (or .jsonl) or .csv`,
    path: [],
  }])
}

function checkReadOptions(options: ReadCaseOptions, format: CaseFileFormat): void {
  assembleOptions(options)
  const max = options.maxFileBytes
  if (max !== undefined && (typeof max !== 'number' || !Number.isSafeInteger(max) || max <= 0)) {
    throw new FundtraceError([{ code: 'invalid_option', message: `maxFileBytes must be a positive integer, got ${String(max)}`, path: ['maxFileBytes'] }])
  }
  const header = options.header
  if (header !== undefined && format === 'json') {
    throw new FundtraceError([{ code: 'invalid_option', message: 'the header option applies to NDJSON and CSV only; a JSON case holds its own header', path: ['header'] }])
  }
  if (header !== undefined && typeof header !== 'string' && (typeof header !== 'object' || header === null || Array.isArray(header))) {
    throw new FundtraceError([{ code: 'invalid_option', message: 'header must be a path or the header object', path: ['header'] }])
  }
}

function checkFileSize(size: number, format: CaseFileFormat, maxFileBytes: number | undefined): void {
  const limit = format === 'json' ? Math.min(MAX_JSON_FILE_BYTES, maxFileBytes ?? Infinity) : maxFileBytes
  if (limit !== undefined && size > limit) {
    throw limitError(limit, `the case file (${formatBytes(size)})`, format === 'json' ? jsonAdvice(limit) : 'raise maxFileBytes (--max-file-bytes) if this size is expected')
  }
}

function jsonAdvice(limit: number): string {
  return limit === MAX_JSON_FILE_BYTES
    ? 'large cases must be NDJSON (.ndjson: header line, then one transfer per line) or CSV with a JSON header, which are streamed'
    : 'raise maxFileBytes (--max-file-bytes) if this size is expected, or use NDJSON / CSV'
}

function failure(error: unknown, path: string | undefined): SafeParseCaseResult {
  if (isFundtraceError(error)) return { success: false, error }
  if (isSystemError(error)) return { success: false, error: ioError(path ?? 'the input stream', error.message) }
  throw error
}

function ioError(path: string, reason: string): FundtraceError {
  return new FundtraceError([{ code: 'io_error', message: `cannot read ${path}: ${reason}`, path: [] }])
}

function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string'
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function unwrap(result: SafeParseCaseResult): Case {
  if (!result.success) throw result.error
  return result.data
}
