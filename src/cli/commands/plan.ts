import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { assignExecutors, caseMetaFromCase, escalations, packetCsv, packetMarkdown, routingPackets, victimNotice } from '../../plan/index.js'
import { toReport } from '../../report/index.js'
import { trace } from '../../trace/index.js'
import { readCaseInput } from '../_case-input.js'
import { usageError } from '../_errors.js'
import { readPolicyOption } from '../_policy.js'
import { write, type CliIo, type ExitCode } from '../_io.js'
import { formatOption, methodOption, parseCommandArgs, positiveIntOption } from '../_options.js'

export const PLAN_USAGE = `Usage: fundtrace plan <case> --perspective <institution> [options]

The response plan from the responding institution's side: every action with who executes it
(this bank directly, the opening branch via the police platform, or the anti-fraud centre),
routing packets per opening branch with Attachments 1–3, escalations, and victim notices.

Options:
  --perspective <i>   the responding institution, e.g. BOC (required)
  --method <m>        fifo (default) | lifo | pro_rata | victim_last
  --max-level <n>     follow money up to level n
  --format <f>        json (default) | md | csv (csv needs --out: one file per packet and attachment)
  --language <l>      zh (default) | en, for form headers and labels
  --out <dir>         write the files into this directory
  --policy <file>     JSON overrides of the playbook (holds, remark, thresholds, minimum amount)`

/** `fundtrace plan`: the playbook's packets, forms and executors for one responding institution. */
export async function planCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parseCommandArgs(argv, { perspective: { type: 'string' }, method: { type: 'string' }, 'max-level': { type: 'string' }, format: { type: 'string' }, language: { type: 'string' }, out: { type: 'string' }, policy: { type: 'string' } })
  const { values, positionals } = parsed
  const institution = values.perspective
  if (!institution) throw usageError('plan needs --perspective (the responding institution, e.g. BOC)', ['perspective'])
  const format = formatOption(values.format, ['json', 'md', 'csv'] as const, 'json')
  const language = formatOption(values.language, ['zh', 'en'] as const, 'zh')
  if (format === 'csv' && !values.out) throw usageError('--format csv writes one file per packet and attachment: give --out <dir>', ['out'])
  const method = methodOption(values.method)
  if (method === 'all') throw usageError('plan follows one method', ['method'])
  const caseFile = await readCaseInput(positionals[0], {}, io)
  const policy = await readPolicyOption(values.policy, io)
  const report = toReport(trace(caseFile, { method, maxLevel: positiveIntOption(values['max-level'], 'max-level') ?? null }), { policy })
  const packets = routingPackets(report, caseMetaFromCase(caseFile, { institution }), { policy })
  if (format === 'json') {
    const plan = {
      format: 'fundtrace/plan@1',
      perspective: institution,
      report,
      actions: assignExecutors(report, { institution, policy }),
      packets,
      escalations: escalations(report, { policy }),
      victimNotices: report.victims.map((v) => victimNotice(report, v.id)),
    }
    return emit(`${JSON.stringify(plan, null, 2)}\n`, values.out, 'plan.json', io)
  }
  if (format === 'md') {
    const text = packets.map((p) => packetMarkdown(p, { language })).join('\n\n---\n\n')
    return emit(`${text}\n`, values.out, 'plan.md', io)
  }
  const dir = resolve(io.cwd, values.out!)
  await mkdir(dir, { recursive: true })
  const written: string[] = []
  for (const [i, packet] of packets.entries()) {
    const csv = packetCsv(packet, { language })
    const stem = `${String(i + 1).padStart(2, '0')}-${slug(packet.institution ?? 'unknown')}-${slug(packet.branch ?? 'unknown')}`
    for (const [name, text] of [['attachment1', csv.attachment1], ['attachment2', csv.attachment2], ['attachment3', csv.attachment3]] as const) {
      const file = join(dir, `${stem}-${name}.csv`)
      await writeFile(file, text)
      written.push(file)
    }
  }
  await write(io.stdout, `${JSON.stringify({ written }, null, 2)}\n`)
  return 0
}

async function emit(text: string, out: string | undefined, name: string, io: CliIo): Promise<ExitCode> {
  if (!out) {
    await write(io.stdout, text)
    return 0
  }
  const dir = resolve(io.cwd, out)
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, name), text)
  return 0
}

/** File-name-safe text that keeps CJK (branch names are Chinese). */
function slug(text: string): string {
  return text.replace(/[\\/:*?"<>|\s\u0000-\u001f]+/g, '_').slice(0, 60)
}
