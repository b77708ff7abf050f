import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseCase } from '../../../src/case/parse.js'
import type { Case } from '../../../src/case/types.js'
import { toReport } from '../../../src/report/index.js'
import type { Method, Report } from '../../../src/report/types.js'
import { trace } from '../../../src/trace/index.js'

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

/** The parsed demo case (examples/demo-case.json). */
export function demoCase(): Case {
  return parseCase(readFileSync(new URL('../../../examples/demo-case.json', import.meta.url), 'utf8'))
}

/** The report of a case with flows and evidence, as the renderers need it. */
export function fullReport(caseFile: Case, method: Method = 'fifo'): Report {
  return toReport(trace(caseFile, { method }), { flows: true, evidence: true })
}

/** The demo's report (fifo) with flows and evidence. */
export function demoReport(method: Method = 'fifo'): Report {
  return fullReport(demoCase(), method)
}
