import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { parseJson } from '../case/parse.js'
import { FundtraceError } from '../errors/index.js'
import { DEFAULT_POLICY, resolvePolicy, type Policy } from '../plan/index.js'
import type { CliIo } from './_io.js'

/** Reads `--policy <file>` (a JSON object of overrides over the playbook's defaults). */
export async function readPolicyOption(path: string | undefined, io: CliIo): Promise<Policy> {
  if (path === undefined) return DEFAULT_POLICY
  let text: string
  try {
    text = await readFile(resolve(io.cwd, path), 'utf8')
  } catch (error) {
    throw new FundtraceError([{ code: 'io_error', message: `cannot read the policy file: ${(error as Error).message}`, path: ['policy'] }])
  }
  return resolvePolicy(parseJson(text), { path: ['policy'] })
}
