import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { formatSummary } from '../../io/write/summary.js'
import { toReport, toReportAll } from '../../report/index.js'
import { compareMethods, trace } from '../../trace/index.js'
import { readCaseInput } from '../_case-input.js'
import { usageError } from '../_errors.js'
import { write, type CliIo, type ExitCode } from '../_io.js'
import { formatOption, methodOption, positiveIntOption, timeOption } from '../_options.js'

export const TRACE_USAGE = `Usage: fundtrace trace <case.json|case.ndjson|case.csv|-> [options]

Traces every victim's money and prints a fundtrace/report@1 JSON on stdout.

Options:
  --method <m>        fifo (default) | lifo | pro_rata | victim_last | all
                      (all: the four side by side, actions ranked by the undisputed amount)
  --max-level <n>     follow money up to level n; the rest is counted "beyond"
  --as-of <time>      ignore transfers after this ISO time (default: the case's asOf)
  --format <f>        json (default) | summary
  --evidence          include the evidence chains of every funded account
  --flows             include every transfer that carried victim money
  --summary           print the readable summary on stdout (with --out, the JSON goes to the file)
  --out <file>        write the report to a file instead of stdout
  --input-format <f>  json (default) | ndjson, for stdin (-)
  --header <file>     the JSON header of a CSV case (default: <case>.header.json)
  --max-transfers <n> refuse cases with more transfers (limit_exceeded)
  --quiet             no progress on stderr`

const FORMATS = ['json', 'summary'] as const

/** `fundtrace trace`: case file in, report out. */
export async function traceCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parse(argv)
  if (positionals.length > 1) throw usageError(`trace takes one case file, got ${positionals.length}`, ['case'])
  const format = values.summary ? 'summary' : formatOption(values.format, FORMATS, 'json')
  const method = methodOption(values.method, true)
  const maxLevel = positiveIntOption(values['max-level'], 'max-level')
  const caseFile = await readCaseInput(positionals[0], {
    inputFormat: values['input-format'], header: values.header, maxTransfers: positiveIntOption(values['max-transfers'], 'max-transfers'),
  }, io)
  const asOf = timeOption(values['as-of'], 'as-of', caseFile.timezone)
  const traceOptions = { maxLevel: maxLevel ?? null, ...(asOf !== undefined ? { asOf } : {}) }
  const reportOptions = { evidence: values.evidence === true, flows: values.flows === true }
  const report = method === 'all'
    ? toReportAll(compareMethods(caseFile, traceOptions), reportOptions)
    : toReport(trace(caseFile, { method, ...traceOptions }), reportOptions)
  const json = `${JSON.stringify(report, null, 2)}\n`
  if (values.out) {
    const target = resolve(io.cwd, values.out)
    await mkdir(dirname(target), { recursive: true })
    await writeFile(target, format === 'json' || values.summary ? json : formatSummary(report))
  }
  if (!values.out || values.summary) await write(io.stdout, format === 'summary' ? formatSummary(report) : json)
  return 0
}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
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
        quiet: { type: 'boolean' },
      },
    })
  } catch (error) {
    throw usageError((error as Error).message)
  }
}
