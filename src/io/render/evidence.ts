/**
 * The evidence block of a report: SHA-256 of the canonical case and of the canonical report, with
 * the method, options and fundtrace version that produced it — so a printed or shared report can
 * be tied to exactly the input and engine behind it.
 *
 * @module io/render/evidence
 */
import { createHash } from 'node:crypto'
import type { Case, Transfer } from '../../case/types.js'
import { compareCodePoints as compareIds } from '../../ledger/index.js'
import type { Report } from '../../report/types.js'

/** Format tag of {@link EvidenceBlock}. */
export const EVIDENCE_FORMAT = 'fundtrace/evidence@1'

/** What ties a report to its case: hashes of both, the method, options and engine version. */
export interface EvidenceBlock {
  readonly format: typeof EVIDENCE_FORMAT
  readonly algorithm: 'sha256'
  readonly caseId: string
  /** SHA-256 (hex) of {@link canonicalCaseJson}. */
  readonly caseSha256: string
  /** SHA-256 (hex) of {@link canonicalReportJson}. */
  readonly reportSha256: string
  /** The allocation rule (`all` when the methods were compared). */
  readonly method: Report['method']
  readonly options: Report['options']
  /** fundtrace version that produced the report (the caller's package version). */
  readonly version: string
}

/**
 * The canonical JSON of a parsed case, the text its hash is taken over: object keys sorted (code
 * points), no whitespace, absent fields left out; accounts sorted by id; victims by id, each with
 * its `accounts` and `transfers` lists sorted; transfers by (time, id); amounts (bigint minor
 * units) as decimal strings; times as epoch milliseconds. Reordering any input array gives the
 * same text; changing any value gives a different one.
 *
 * @example
 * canonicalCaseJson(caseFile)
 * //=> '{"accounts":[…],"asOf":1773482400000,"caseId":"JN-2026-0314-017",…}'
 */
export function canonicalCaseJson(caseFile: Case): string {
  const value = {
    ...caseFile,
    accounts: [...caseFile.accounts].sort((a, b) => compareIds(a.id, b.id) || tieBreak(a, b)),
    victims: [...caseFile.victims]
      .map((v) => ({ ...v, accounts: [...v.accounts].sort(compareIds), transfers: [...v.transfers].sort(compareIds) }))
      .sort((a, b) => compareIds(a.id, b.id) || tieBreak(a, b)),
    transfers: [...caseFile.transfers].sort(compareTransfers),
  }
  return canonicalJson(value)
}

/**
 * The canonical JSON of a report: object keys sorted, no whitespace, arrays in the report's own
 * defined order. The optional `evidence` and `flows` views are left out — they are derived from
 * the same trace and depend only on what a writer asked for — so the hash is the same for the
 * JSON report, the HTML report and the diagrams of one trace.
 *
 * @example
 * canonicalReportJson(report).startsWith('{"accounts":[') //=> true
 */
export function canonicalReportJson(report: Report): string {
  const { evidence: _evidence, flows: _flows, ...core } = report
  return canonicalJson(core)
}

/**
 * SHA-256 of a text's UTF-8 bytes, as lower-case hex.
 *
 * @example
 * sha256Hex('') //=> 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
 */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/**
 * The evidence block of a report made from `caseFile`: hashes of the canonical case and report
 * (see {@link canonicalCaseJson}, {@link canonicalReportJson}), the method, options and the
 * fundtrace `version` given by the caller.
 *
 * @example
 * evidenceBlock(caseFile, report, { version: '0.1.0' })
 * //=> { format: 'fundtrace/evidence@1', algorithm: 'sha256', caseId: 'JN-2026-0314-017',
 * //     caseSha256: '…', reportSha256: '…', method: 'fifo', options: { maxLevel: null, asOf: '…' }, version: '0.1.0' }
 */
export function evidenceBlock(caseFile: Case, report: Report, options: { readonly version: string }): EvidenceBlock {
  return {
    format: EVIDENCE_FORMAT,
    algorithm: 'sha256',
    caseId: report.caseId,
    caseSha256: sha256Hex(canonicalCaseJson(caseFile)),
    reportSha256: sha256Hex(canonicalReportJson(report)),
    method: report.method,
    options: { maxLevel: report.options.maxLevel, asOf: report.options.asOf },
    version: options.version,
  }
}

function compareTransfers(a: Transfer, b: Transfer): number {
  return a.time - b.time || compareIds(a.id, b.id) || tieBreak(a, b)
}

/** Last resort for duplicate ids (a parsed case has none): the elements' own canonical text. */
function tieBreak(a: unknown, b: unknown): number {
  return compareIds(canonicalJson(a), canonicalJson(b))
}

/** Canonical JSON: sorted keys, no whitespace, `undefined` members left out, bigints as decimal strings. */
function canonicalJson(value: unknown): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value)
    case 'bigint':
      return JSON.stringify(value.toString())
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('fundtrace/render: canonical JSON has no non-finite numbers')
      return JSON.stringify(value)
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`
      const record = value as Record<string, unknown>
      const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort(compareIds)
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`
    }
    default:
      throw new TypeError(`fundtrace/render: canonical JSON cannot hold a ${typeof value}`)
  }
}
