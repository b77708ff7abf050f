import { mkdir } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { linkHtmlChunks, maskLinkReport } from '../../io/render/index.js'
import { jsonChunks } from '../../io/write/json.js'
import { linkMarkdownChunks } from '../../io/write/link-markdown.js'
import { linkCases, toLinkReport, type LinkReport } from '../../link/index.js'
import { trace } from '../../trace/index.js'
import type { Case } from '../../case/index.js'
import { FundtraceError, isFundtraceError } from '../../errors/index.js'
import { readCaseInput } from '../_case-input.js'
import { usageError } from '../_errors.js'
import { writeAll, writeFileAll, type CliIo, type ExitCode } from '../_io.js'
import { formatOption, methodOption, parseCommandArgs, positiveIntOption } from '../_options.js'
import { readPolicyOption } from '../_policy.js'
import { createProgress } from '../_progress.js'

declare const __FUNDTRACE_VERSION__: string
const VERSION = typeof __FUNDTRACE_VERSION__ === 'string' ? __FUNDTRACE_VERSION__ : '0.0.0-dev'

export const LINK_USAGE = `Usage: fundtrace link <case> <case> [...] [options]

Traces several cases jointly: victims become caseId/victimId, transfers found in several files are
merged (same id, serial, or from/to/amount/time; conflicts reported, never merged). Prints the
joint report, each case's balance sheet and its own actions (its share of each joint action,
ranked within the case, with the joint rank), and the cross-case view: every involved account
with the cases whose money it received and holds, ranked by money held, then by number of cases.
Trade disputes are refused; the same case given twice counts once.

Options:
  --method <m>      fifo (default) | lifo | pro_rata | victim_last
  --max-level <n>   follow money up to level n
  --format <f>      json (default, fundtrace/link-report@1) | md | html (self-contained page)
  --mask            mask account numbers and names in any format
  --out <file>      write to a file instead of stdout
  --policy <file>   JSON overrides of the playbook (holds, remark, thresholds, minimum amount)
  --quiet           no progress on stderr`

const FORMATS = ['json', 'md', 'html'] as const
type Format = (typeof FORMATS)[number]

/** Levels of a link report written member by member: the report's fields, theirs (joint's arrays, each case), and their elements (accounts, actions; a case's fields) — each element is stringified whole. */
const JSON_DEPTH = 3

function* jsonWithNewline(report: LinkReport): Generator<string> {
  yield* jsonChunks(report, { depth: JSON_DEPTH })
  yield '\n'
}

function render(report: LinkReport, format: Format, mask: boolean): Iterable<string> {
  switch (format) {
    case 'json': return jsonWithNewline(mask ? maskLinkReport(report) : report)
    case 'md': return linkMarkdownChunks(mask ? maskLinkReport(report) : report)
    case 'html': return linkHtmlChunks(report, { mask, version: VERSION })
  }
}

/** `fundtrace link`: many cases in, one joint trace, each case's own view and a cross-case ranking out. */
export async function linkCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parse(argv)
  if (positionals.length === 0) throw usageError('link needs at least one case file', ['cases'])
  const format = formatOption(values.format, FORMATS, 'json')
  const method = methodOption(values.method)
  if (method === 'all') throw usageError('link takes one method', ['method'])
  const maxLevel = positiveIntOption(values['max-level'], 'max-level')
  const policy = await readPolicyOption(values.policy, io)
  const progress = createProgress(io, values.quiet === true)
  progress.phase('reading', `${positionals.length.toLocaleString('en-US')} case files`)
  const cases = await readCasesInOrder(positionals, io)
  progress.phase('linking')
  const linked = linkCases(cases)
  progress.phase('tracing', `${linked.joint.transfers.length.toLocaleString('en-US')} transfers, method ${method}`)
  const result = trace(linked.joint, { method, maxLevel: maxLevel ?? null })
  progress.phase('reporting')
  const report = toLinkReport(linked, result, { policy })
  progress.phase('writing', `${report.cases.length.toLocaleString('en-US')} cases, ${report.crossCase.length.toLocaleString('en-US')} accounts`)
  if (values.out) {
    const target = resolve(io.cwd, values.out)
    await mkdir(dirname(target), { recursive: true })
    await writeFileAll(target, render(report, format, values.mask === true))
  } else {
    await writeAll(io.stdout, render(report, format, values.mask === true))
  }
  progress.done()
  return 0
}

function parse(argv: readonly string[]) {
  return parseCommandArgs(argv, {
    method: { type: 'string' },
    'max-level': { type: 'string' },
    format: { type: 'string' },
    mask: { type: 'boolean' },
    out: { type: 'string' },
    policy: { type: 'string' },
    quiet: { type: 'boolean' },
  })
}

/** Files read at once: one is parsed while the next ones are read from disk. */
const READS_IN_FLIGHT = 4

type Settled = { readonly ok: true; readonly value: Case } | { readonly ok: false; readonly error: unknown }

/**
 * The cases of `paths`, in their order, read with a few reads in flight; the first file that
 * fails, in that order, fails the whole (as reading them one by one would), its issues naming it.
 */
async function readCasesInOrder(paths: readonly string[], io: CliIo): Promise<Case[]> {
  const reads: Promise<Settled>[] = []
  const start = (): void => {
    const path = paths[reads.length]!
    reads.push(readCaseInput(path, {}, io).then((value) => ({ ok: true, value }), (error: unknown) => ({ ok: false, error })))
  }
  while (reads.length < Math.min(READS_IN_FLIGHT, paths.length)) start()
  const cases: Case[] = []
  for (let i = 0; i < paths.length; i++) {
    const read = await reads[i]!
    if (!read.ok) throw inFile(read.error, paths[i]!)
    cases.push(read.value)
    if (reads.length < paths.length) start()
  }
  return cases
}

/** A case file's issues with the file named in each message: among many cases, which one is wrong. */
function inFile(error: unknown, path: string): unknown {
  if (!isFundtraceError(error)) return error
  const named = error.issues.map((issue) => (issue.message.includes(path) ? issue : { ...issue, message: `${path}: ${issue.message}` }))
  return new FundtraceError(named)
}
