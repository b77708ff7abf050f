import { parseArgs } from 'node:util'
import { linkCases, toLinkReport } from '../../link/index.js'
import { trace } from '../../trace/index.js'
import { readCaseInput } from '../_case-input.js'
import { usageError } from '../_errors.js'
import { write, type CliIo, type ExitCode } from '../_io.js'
import { methodOption, positiveIntOption } from '../_options.js'

export const LINK_USAGE = `Usage: fundtrace link <case> <case> [...] [options]

Traces several cases jointly: victims become caseId/victimId, transfers found in several files are
merged (same id, serial, or from/to/amount/time; conflicts reported, never merged). The cross-case
view lists every involved account with the cases whose money it received and holds, ranked by money
held, then by number of cases — accounts shared by several cases rise to the top. Trade disputes are
refused; the same case given twice counts once.

Options:
  --method <m>      fifo (default) | lifo | pro_rata | victim_last
  --max-level <n>   follow money up to level n`

/** `fundtrace link`: many cases in, one joint trace and a cross-case ranking out (JSON). */
export async function linkCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let parsed
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: { method: { type: 'string' }, 'max-level': { type: 'string' }, format: { type: 'string' } } })
  } catch (error) {
    throw usageError((error as Error).message)
  }
  const { values, positionals } = parsed
  if (positionals.length === 0) throw usageError('link needs at least one case file', ['cases'])
  if (values.format !== undefined && values.format !== 'json') throw usageError(`--format must be json for link, got ${JSON.stringify(values.format)}`, ['format'])
  const method = methodOption(values.method)
  if (method === 'all') throw usageError('link takes one method', ['method'])
  const maxLevel = positiveIntOption(values['max-level'], 'max-level')
  const cases = []
  for (const path of positionals) cases.push(await readCaseInput(path, {}, io))
  const linked = linkCases(cases)
  const report = toLinkReport(linked, trace(linked.joint, { method, maxLevel: maxLevel ?? null }))
  await write(io.stdout, `${JSON.stringify(report, null, 2)}\n`)
  return 0
}
