/**
 * Streaming CSV transfer reader (RFC 4180 via `csv-parse`): row 1 names the columns
 * `id,from,to,amount,time,status,channel,serial` (any order; `status`, `channel`, `serial`
 * optional), each later row is one transfer. The header of the case comes from a JSON file.
 * Issues carry `row` (1-based record number, the column row is row 1; blank lines are skipped
 * and not counted) and `column`.
 *
 * @module io/_case-csv
 */
import { CsvError, parse } from 'csv-parse'
import type { Readable } from 'node:stream'
import type { Issue } from '../errors/index.js'
import type { CaseAssembler } from '../case/_assemble.js'

/**
 * Columns of a transfers CSV.
 *
 * @example
 * CSV_COLUMNS.join(',') //=> 'id,from,to,amount,time,status,channel,serial'
 */
export const CSV_COLUMNS = ['id', 'from', 'to', 'amount', 'time', 'status', 'channel', 'serial'] as const
type Column = (typeof CSV_COLUMNS)[number]

const REQUIRED: readonly Column[] = ['id', 'from', 'to', 'amount', 'time']
/** Optional columns: an empty cell means "absent" (a default applies). */
const OPTIONAL: ReadonlySet<string> = new Set<Column>(['status', 'channel', 'serial'])
const KNOWN: ReadonlySet<string> = new Set(CSV_COLUMNS)
/** Longest record csv-parse will buffer, in characters: a row is a few hundred at most. */
const MAX_RECORD_CHARS = 1 << 20

/**
 * Feeds the transfers of a CSV stream to `assembler` (whose header is already set). Rejects with
 * the input stream's error or csv-parse's `CsvError` (records after a malformed one are not read).
 *
 * @example
 * assembler.header(JSON.parse(headerText), 'header')
 * await readCsvInto(fs.createReadStream('transfers.csv'), assembler)
 */
export async function readCsvInto(input: Readable, assembler: CaseAssembler): Promise<void> {
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, max_record_size: MAX_RECORD_CHARS })
  const forward = (error: Error): void => {
    parser.destroy(error)
  }
  input.on('error', forward)
  input.pipe(parser)
  let columns: Column[] | undefined
  const at = { row: 0 }
  const locate = (issue: Issue): Issue => {
    const field = issue.path[2]
    return typeof field === 'string' && KNOWN.has(field) ? { ...issue, row: at.row, column: field } : { ...issue, row: at.row }
  }
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      const row = ++at.row
      if (columns === undefined) {
        const header = checkColumns(cells)
        if (!header.ok) {
          for (const issue of header.issues) assembler.readerIssue(issue)
          assembler.transfersIncomplete()
          return
        }
        columns = header.columns
        continue
      }
      if (cells.length !== columns.length) {
        assembler.unreadableTransfer(cells, 'schema', `row ${row} has ${cells.length} cell${cells.length === 1 ? '' : 's'}; row 1 names ${columns.length} columns`, locate)
        continue
      }
      const raw: Partial<Record<Column, string>> = {}
      for (let i = 0; i < columns.length; i++) {
        const column = columns[i] as Column
        const cell = cells[i] as string
        if (cell !== '' || !OPTIONAL.has(column)) raw[column] = cell
      }
      assembler.transfer(raw, locate)
    }
  } catch (error) {
    if (!isCsvError(error)) throw error
    assembler.readerIssue({ code: 'invalid_csv', message: `not valid CSV (RFC 4180): ${error.message}`, path: [], row: at.row + 1 })
    assembler.transfersIncomplete()
    return
  } finally {
    input.off('error', forward)
    input.unpipe(parser)
    parser.destroy()
  }
  if (columns === undefined) {
    assembler.transfersIncomplete()
    assembler.readerIssue({ code: 'schema', message: `the CSV is empty: row 1 must name the columns ${CSV_COLUMNS.join(',')}`, path: [], row: 1 })
  }
}

function isCsvError(error: unknown): error is CsvError {
  return error instanceof CsvError
}

function checkColumns(cells: readonly string[]): { ok: true; columns: Column[] } | { ok: false; issues: Issue[] } {
  const issues: Issue[] = []
  const seen = new Set<string>()
  cells.forEach((name) => {
    if (!KNOWN.has(name)) {
      issues.push({ code: 'schema', message: `unknown column ${JSON.stringify(name)}; the columns are ${CSV_COLUMNS.join(',')}`, path: [], row: 1, column: name })
    } else if (seen.has(name)) {
      issues.push({ code: 'schema', message: `column ${JSON.stringify(name)} appears twice`, path: [], row: 1, column: name })
    }
    seen.add(name)
  })
  for (const name of REQUIRED) {
    if (!seen.has(name)) issues.push({ code: 'schema', message: `missing required column ${JSON.stringify(name)}`, path: [], row: 1, column: name })
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, columns: cells as Column[] }
}
