import { reportFailure } from './_errors.js'
import { write, type CliIo, type ExitCode } from './_io.js'
import { INVESTIGATE_USAGE, investigateCommand } from './commands/investigate.js'
import { LINK_USAGE, linkCommand } from './commands/link.js'
import { PLAN_USAGE, planCommand } from './commands/plan.js'
import { TRACE_USAGE, traceCommand } from './commands/trace.js'

declare const __FUNDTRACE_VERSION__: string
const VERSION = typeof __FUNDTRACE_VERSION__ === 'string' ? __FUNDTRACE_VERSION__ : '0.0.0-dev'

const USAGE = `fundtrace ${VERSION} — follow stolen money through bank accounts

Usage: fundtrace <command> [options]

Commands:
  trace <case>     trace a case; fundtrace/report@1 JSON on stdout
  plan <case>      the response plan for one institution: executors, routing packets, forms
  link <cases...>  trace several cases jointly; cross-case ranking of shared accounts
  investigate      statement-by-statement loop over a case directory (init, add-statement, next, status)

Run "fundtrace <command> --help" for a command's options.
Exit codes: 0 ok, 2 invalid input or options (issues on stderr, nothing on stdout), 1 internal error.`

interface Command {
  readonly run: (argv: readonly string[], io: CliIo) => Promise<ExitCode>
  readonly usage: string
}

const COMMANDS: ReadonlyMap<string, Command> = new Map([
  ['trace', { run: traceCommand, usage: TRACE_USAGE }],
  ['plan', { run: planCommand, usage: PLAN_USAGE }],
  ['link', { run: linkCommand, usage: LINK_USAGE }],
  ['investigate', { run: investigateCommand, usage: INVESTIGATE_USAGE }],
])

/**
 * The whole CLI as a function: arguments and streams in, exit code out. The bin is a thin shell
 * around it, and tests call it directly.
 *
 * @example
 * const code = await run(['trace', 'case.json', '--method', 'fifo'], { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd() })
 */
export async function run(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    await write(name === undefined ? io.stderr : io.stdout, `${USAGE}\n`)
    return name === undefined ? 2 : 0
  }
  if (name === '--version' || name === '-v') {
    await write(io.stdout, `${VERSION}\n`)
    return 0
  }
  const command = COMMANDS.get(name)
  if (!command) {
    await write(io.stderr, `fundtrace: invalid_option: unknown command ${JSON.stringify(name)}\n\n${USAGE}\n`)
    return 2
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    await write(io.stdout, `${command.usage}\n`)
    return 0
  }
  try {
    return await command.run(rest, io)
  } catch (error) {
    return reportFailure(error, io, command.usage)
  }
}
