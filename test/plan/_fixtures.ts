/** Test helpers: hand-built `fundtrace/report@1` objects (the trace is not needed downstream). */
import type { AccountKind, CaseType } from '../../src/case/types.js'
import type { Method, Report, ReportAccount, ReportAction, ReportVictim } from '../../src/report/types.js'
import { REPORT_FORMAT } from '../../src/report/types.js'

export interface AccountSpec {
  id: string
  level?: number
  levels?: Record<string, number>
  kind?: AccountKind
  institution?: string
  branch?: string
  holder?: string
  received?: Record<string, string>
  held?: Record<string, string>
}

export interface ReportSpec {
  caseId?: string
  caseType?: CaseType
  currency?: string
  method?: Method
  victims: Array<Partial<ReportVictim> & { id: string; loss: string }>
  accounts?: AccountSpec[]
  actions?: Array<Partial<ReportAction> & { account: string }>
}

const toMinor = (s: string) => BigInt(s.replace('.', ''))
const fmt = (m: bigint) => {
  const t = m.toString().padStart(3, '0')
  return `${t.slice(0, -2)}.${t.slice(-2)}`
}

/** Builds a report; amounts are CNY decimal strings with 2 digits. */
export function makeReport(spec: ReportSpec): Report {
  const victims: ReportVictim[] = spec.victims.map((v) => ({
    held: '0.00', exited: '0.00', returned: '0.00', beyond: '0.00', severity: 'large', ...v,
  }))
  const accounts: ReportAccount[] = (spec.accounts ?? []).map((a) => {
    const received = a.received ?? {}
    const held = a.held ?? {}
    const levels = a.levels ?? Object.fromEntries(Object.keys(received).map((v) => [v, a.level ?? 1]))
    const level = a.level ?? Math.min(...Object.values(levels), 99)
    const heldTotal = Object.values(held).reduce((s, x) => s + toMinor(x), 0n)
    return {
      id: a.id,
      level,
      levels,
      kind: a.kind ?? 'bank',
      ...(a.institution !== undefined ? { institution: a.institution } : {}),
      ...(a.branch !== undefined ? { branch: a.branch } : {}),
      ...(a.holder !== undefined ? { holder: a.holder } : {}),
      received,
      held,
      heldTotal: fmt(heldTotal),
      pendingTotal: '0.00',
      pending: false,
      firstArrival: '2026-03-14T10:00:00+08:00',
      lastArrival: '2026-03-14T10:10:00+08:00',
    }
  })
  const actions: ReportAction[] = (spec.actions ?? []).map((x, i) => ({
    rank: i + 1,
    kind: 'stop_payment',
    amount: '0.00',
    level: accounts.find((a) => a.id === x.account)?.level ?? 1,
    funded: false,
    reason: 'test',
    ...x,
  }))
  return {
    format: REPORT_FORMAT,
    caseId: spec.caseId ?? 'JN-2026-0314-017',
    caseType: spec.caseType ?? 'telecom_fraud',
    currency: spec.currency ?? 'CNY',
    method: spec.method ?? 'fifo',
    options: { maxLevel: null, asOf: '2026-03-14T18:00:00+08:00' },
    victims,
    accounts,
    actions,
    nextQueries: [],
    warnings: [],
  }
}

/**
 * DESIGN.md §6, hand-checked: A (1,000.00) and B (2,000.00) pay mule M at 10:00 and 10:05;
 * M sends 600.00 to N at 10:10.
 */
export function designExample(method: Method): Report {
  const split: Record<Method, { n: Record<string, string>; m: Record<string, string> }> = {
    fifo: { n: { A: '600.00' }, m: { A: '400.00', B: '2000.00' } },
    lifo: { n: { B: '600.00' }, m: { A: '1000.00', B: '1400.00' } },
    pro_rata: { n: { A: '200.00', B: '400.00' }, m: { A: '800.00', B: '1600.00' } },
    // M's opening balance 300.00: N gets other 300 + A 300.
    victim_last: { n: { A: '300.00' }, m: { A: '700.00', B: '2000.00' } },
  }
  const { n, m } = split[method]
  return makeReport({
    method,
    victims: [
      { id: 'A', name: '王芳', loss: '1000.00', held: '1000.00' },
      { id: 'B', name: '李强', loss: '2000.00', held: '2000.00' },
    ],
    accounts: [
      { id: 'M', level: 1, levels: { A: 1, B: 1 }, institution: 'ICBC', branch: '历下支行', holder: '张三', received: { A: '1000.00', B: '2000.00' }, held: m },
      { id: 'N', level: 2, levels: Object.fromEntries(Object.keys(n).map((v) => [v, 2])), institution: 'CCB', branch: '市中支行', holder: '赵六', received: n, held: n },
    ],
  })
}

export { toMinor as minor, fmt as major }
