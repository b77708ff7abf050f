import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { parseCase, serializeCase } from '../../case/index.js'
import type { Account, Case } from '../../case/types.js'
import { FundtraceError } from '../../errors/index.js'
import { addStatement, startInvestigation, type Investigation, type StepChanges } from '../../investigate/index.js'
import { importPoliceFeedback, type StatementImport } from '../../io/statements/index.js'
import { formatSummary } from '../../io/write/summary.js'
import type { Method } from '../../report/types.js'
import { readCaseInput } from '../_case-input.js'
import { usageError } from '../_errors.js'
import { write, type CliIo, type ExitCode } from '../_io.js'
import { methodOption, parseCommandArgs, positiveIntOption, timeOption } from '../_options.js'

export const INVESTIGATE_USAGE = `Usage: fundtrace investigate <init|add-statement|next|status> <dir> [...]

Runs the statement-by-statement loop over a case directory (case.json + investigation.json):
  init <dir> --case <case.json> [--method m] [--max-level n]
                 start from the victims' transfers; prints the first actions (stop funded level-1 accounts now)
  add-statement <dir> <statement.csv> --account <id> --through <time> [--encoding auto|utf-8|gbk] [--lenient]
                 import a police bank-query feedback statement (公安查询反馈, UTF-8 or GBK) and re-trace;
                 prints what changed: new actions, holds to change, stops to cancel, new queries
  next <dir>     the statements to pull next
  status <dir>   the current summary`

interface State {
  readonly format: 'fundtrace/investigation@1'
  readonly method: Method
  readonly maxLevel: number | null
  readonly statements: Investigation['statements']
}

/** `fundtrace investigate …`: the investigation loop from a shell. */
export async function investigateCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [sub, ...rest] = argv
  const { values, positionals } = parse(rest)
  const dir = positionals[0]
  if (dir === undefined) throw usageError('investigate needs a case directory', ['dir'])
  const root = resolve(io.cwd, dir)
  switch (sub) {
    case 'init': {
      const caseFile = await readCaseInput(values.case, {}, io)
      const method = methodOption(values.method)
      if (method === 'all') throw usageError('an investigation follows one method', ['method'])
      const maxLevel = positiveIntOption(values['max-level'], 'max-level') ?? null
      const step = startInvestigation(caseFile, { method, maxLevel })
      await save(root, step.investigation, { format: 'fundtrace/investigation@1', method, maxLevel, statements: [] })
      await write(io.stdout, changesJson(step.changes))
      return 0
    }
    case 'add-statement': {
      const file = positionals[1]
      if (file === undefined) throw usageError('add-statement needs the statement file', ['statement'])
      if (values.account === undefined) throw usageError('add-statement needs --account (whose statement it is)', ['account'])
      const { investigation, state } = await load(root)
      const through = timeOption(values.through, 'through', investigation.case.timezone)
      if (through === undefined) throw usageError('add-statement needs --through (the time the statement is complete up to)', ['through'])
      const imported = importStatement(await readFile(resolve(io.cwd, file)), investigation.case, values, values.account)
      const step = addStatement(investigation, values.account, imported.transfers, { through, accounts: hintsToAccounts(imported) })
      await save(root, step.investigation, { ...state, statements: step.investigation.statements })
      if (imported.invalid.length > 0) {
        await write(io.stderr, imported.invalid.map((r) => `fundtrace: ${r.code} at row ${r.row}${r.column ? `, column ${r.column}` : ''}: ${r.message} (row not imported)`).join('\n') + '\n')
      }
      await write(io.stdout, changesJson(step.changes))
      return 0
    }
    case 'next': {
      const { investigation } = await load(root)
      await write(io.stdout, `${JSON.stringify(investigation.report.nextQueries, null, 2)}\n`)
      return 0
    }
    case 'status': {
      const { investigation } = await load(root)
      await write(io.stdout, formatSummary(investigation.report))
      return 0
    }
    default:
      throw usageError(`unknown investigate command ${JSON.stringify(sub ?? '')}; use init, add-statement, next or status`, ['command'])
  }
}

function importStatement(bytes: Uint8Array, caseFile: Case, values: ReturnType<typeof parse>['values'], account: string): StatementImport {
  const encoding = values.encoding ?? 'auto'
  if (encoding !== 'auto' && encoding !== 'utf-8' && encoding !== 'gbk') throw usageError(`--encoding must be auto, utf-8 or gbk, got ${JSON.stringify(encoding)}`, ['encoding'])
  const imported = importPoliceFeedback(bytes, { encoding, timezone: caseFile.timezone, currency: caseFile.currency, account })
  if (imported.invalid.length > 0 && !values.lenient) {
    throw new FundtraceError(imported.invalid.map((r) => ({ code: r.code, message: r.message, path: ['rows', r.row], row: r.row, ...(r.column ? { column: r.column } : {}) })))
  }
  return imported
}

function hintsToAccounts(imported: StatementImport): Account[] {
  return imported.accounts.map((h) => ({
    id: h.id, kind: h.kind ?? 'bank', openingBalance: 0n,
    ...(h.holder ? { holder: h.holder } : {}), ...(h.institution ? { institution: h.institution } : {}), ...(h.branch ? { branch: h.branch } : {}),
  }))
}

async function save(root: string, investigation: Investigation, state: State): Promise<void> {
  await mkdir(root, { recursive: true })
  await writeFile(join(root, 'case.json'), `${JSON.stringify(serializeCase(investigation.case), null, 2)}\n`)
  await writeFile(join(root, 'investigation.json'), `${JSON.stringify(state, null, 2)}\n`)
}

async function load(root: string): Promise<{ investigation: Investigation; state: State }> {
  let state: State
  let caseText: string
  try {
    state = JSON.parse(await readFile(join(root, 'investigation.json'), 'utf8')) as State
    caseText = await readFile(join(root, 'case.json'), 'utf8')
  } catch (error) {
    throw new FundtraceError([{ code: 'io_error', message: `${root} is not an investigation directory (run "fundtrace investigate init" first): ${(error as Error).message}`, path: ['dir'] }])
  }
  const step = startInvestigation(parseCase(caseText), { method: state.method, maxLevel: state.maxLevel })
  return { investigation: { ...step.investigation, statements: state.statements }, state }
}

function changesJson(changes: StepChanges): string {
  return `${JSON.stringify(changes, null, 2)}\n`
}

function parse(argv: readonly string[]) {
  return parseCommandArgs(argv, {
    case: { type: 'string' }, method: { type: 'string' }, 'max-level': { type: 'string' },
    account: { type: 'string' }, through: { type: 'string' }, encoding: { type: 'string' }, lenient: { type: 'boolean' },
  })
}
