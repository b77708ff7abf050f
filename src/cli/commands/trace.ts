import { mkdir } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { accountsCsv, actionsCsv } from '../../io/write/csv.js'
import { jsonChunks } from '../../io/write/json.js'
import { toMarkdown } from '../../io/write/markdown.js'
import { formatSummary } from '../../io/write/summary.js'
import { maskReport, toDot, toHtml, toMermaid, toSvg } from '../../io/render/index.js'
import type { Case } from '../../case/types.js'
import type { Report } from '../../report/types.js'
import { createProgress } from '../_progress.js'
import { toReport, toReportAll } from '../../report/index.js'
import { compareMethods, trace } from '../../trace/index.js'
import { readCaseInput } from '../_case-input.js'
import { usageError } from '../_errors.js'
import { readPolicyOption } from '../_policy.js'
import { writeAll, writeFileAll, type CliIo, type ExitCode } from '../_io.js'
import { formatOption, methodOption, parseCommandArgs, positiveIntOption, timeOption } from '../_options.js'

declare const __FUNDTRACE_VERSION__: string
const VERSION = typeof __FUNDTRACE_VERSION__ === 'string' ? __FUNDTRACE_VERSION__ : '0.0.0-dev'

export const TRACE_USAGE = `Usage: fundtrace trace <case.json|case.ndjson|case.csv|-> [options]

Traces every victim's money and prints a fundtrace/report@1 JSON on stdout.

Options:
  --method <m>        fifo (default) | lifo | pro_rata | victim_last | all
                      (all: the four side by side, actions ranked by the undisputed amount)
  --max-level <n>     follow money up to level n; the rest is counted "beyond"
  --as-of <time>      ignore transfers after this ISO time (default: the case's asOf)
  --format <f>        json (default) | summary | md | csv-accounts | csv-actions
                      | dot | mermaid | svg (fund-flow diagram) | html (self-contained case report)
  --mask              mask account numbers (6222 **** **** 1234) and names (张*) in any format
  --victim <id>       diagrams: only this victim's money
  --diagram-level <n> diagrams: cut at this level
  --evidence          include the evidence chains of every funded account
  --flows             include every transfer that carried victim money
  --summary           print the readable summary on stdout (with --out, the JSON goes to the file)
  --out <file>        write the report to a file instead of stdout
  --input-format <f>  json (default) | ndjson, for stdin (-)
  --header <file>     the JSON header of a CSV case (default: <case>.header.json)
  --max-transfers <n> refuse cases with more transfers (limit_exceeded)
  --max-file-bytes <n> refuse input files larger than this (limit_exceeded)
  --policy <file>     JSON overrides of the playbook (holds, remark, thresholds, minimum amount)
  --quiet             no progress on stderr`

const FORMATS = ['json', 'summary', 'md', 'csv-accounts', 'csv-actions', 'dot', 'mermaid', 'svg', 'html'] as const
type Format = (typeof FORMATS)[number]
const NEEDS_FLOWS: readonly Format[] = ['dot', 'mermaid', 'svg', 'html']

interface RenderOptions {
  readonly mask: boolean
  readonly caseFile: Case
  readonly victim?: string
  readonly maxLevel?: number
}

function* jsonChunksWithNewline(report: Report): Generator<string> {
  yield* jsonChunks(report)
  yield '\n'
}

/** Renders a report in one of the output formats; masking applies to every one of them. */
async function render(report: Report, format: Format, options: RenderOptions): Promise<string | Iterable<string>> {
  const diagram = { mask: options.mask, ...(options.victim !== undefined ? { victim: options.victim } : {}), ...(options.maxLevel !== undefined ? { maxLevel: options.maxLevel } : {}) }
  const shown = options.mask ? maskReport(report) : report
  switch (format) {
    case 'json': return jsonChunksWithNewline(shown)
    case 'summary': return formatSummary(shown)
    case 'md': return toMarkdown(shown)
    case 'csv-accounts': return accountsCsv(shown)
    case 'csv-actions': return actionsCsv(shown)
    case 'dot': return toDot(report, diagram)
    case 'mermaid': return `${toMermaid(report, diagram)}\n`
    case 'svg': return toSvg(report, diagram)
    case 'html': return toHtml(report, { caseFile: options.caseFile, svg: await toSvg(report, { mask: options.mask }), mask: options.mask, version: VERSION })
  }
}

/** `fundtrace trace`: case file in, report out. */
export async function traceCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parse(argv)
  if (positionals.length > 1) throw usageError(`trace takes one case file, got ${positionals.length}`, ['case'])
  const format = values.summary ? 'summary' : formatOption(values.format, FORMATS, 'json')
  const method = methodOption(values.method, true)
  const maxLevel = positiveIntOption(values['max-level'], 'max-level')
  const progress = createProgress(io, values.quiet === true)
  progress.phase('reading', positionals[0] === '-' ? 'stdin' : positionals[0])
  const caseFile = await readCaseInput(positionals[0], {
    inputFormat: values['input-format'], header: values.header, maxTransfers: positiveIntOption(values['max-transfers'], 'max-transfers'),
    maxFileBytes: positiveIntOption(values['max-file-bytes'], 'max-file-bytes'),
  }, io)
  const asOf = timeOption(values['as-of'], 'as-of', caseFile.timezone)
  progress.phase('tracing', `${caseFile.transfers.length.toLocaleString('en-US')} transfers, method ${method}`)
  const traceOptions = { maxLevel: maxLevel ?? null, ...(asOf !== undefined ? { asOf } : {}) }
  const needsFlows = NEEDS_FLOWS.includes(format)
  const policy = await readPolicyOption(values.policy, io)
  const reportOptions = { policy, evidence: values.evidence === true || needsFlows, flows: values.flows === true || needsFlows }
  const report = method === 'all'
    ? toReportAll(compareMethods(caseFile, traceOptions), reportOptions)
    : toReport(trace(caseFile, { method, ...traceOptions }), reportOptions)
  const diagramLevel = positiveIntOption(values['diagram-level'], 'diagram-level')
  const renderOptions: RenderOptions = {
    mask: values.mask === true, caseFile,
    ...(values.victim !== undefined ? { victim: values.victim } : {}), ...(diagramLevel !== undefined ? { maxLevel: diagramLevel } : {}),
  }
  progress.phase('writing', `${report.accounts.length.toLocaleString('en-US')} accounts, ${report.actions.length.toLocaleString('en-US')} actions`)
  if (values.out) {
    const target = resolve(io.cwd, values.out)
    await mkdir(dirname(target), { recursive: true })
    await writeFileAll(target, await render(report, values.summary ? 'json' : format, renderOptions))
  }
  if (!values.out || values.summary) await writeAll(io.stdout, await render(report, format, renderOptions))
  progress.done()
  return 0
}

function parse(argv: readonly string[]) {
  return parseCommandArgs(argv, {
    method: { type: 'string' },
    'max-level': { type: 'string' },
    'as-of': { type: 'string' },
    format: { type: 'string' },
    evidence: { type: 'boolean' },
    flows: { type: 'boolean' },
    summary: { type: 'boolean' },
    out: { type: 'string' },
    'input-format': { type: 'string' },
    header: { type: 'string' },
    'max-transfers': { type: 'string' },
    'max-file-bytes': { type: 'string' },
    quiet: { type: 'boolean' },
    policy: { type: 'string' },
    mask: { type: 'boolean' },
    victim: { type: 'string' },
    'diagram-level': { type: 'string' },
  })
}
