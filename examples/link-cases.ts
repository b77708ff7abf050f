/**
 * Link two cases that share a mule account. Each case alone would claim the shared account's money
 * for its own victims; traced jointly, the victims of both cases share it exactly, and the accounts
 * shared across cases are ranked first (money held, then number of cases) — the ones to raise with
 * the opening bank and the police together.
 *
 *   npx tsx examples/link-cases.ts
 */
import { readFileSync } from 'node:fs'
import { linkCases, parseCase, toLinkReport, trace } from '../src/index.js'

const demo = parseCase(readFileSync(new URL('./demo-case.json', import.meta.url), 'utf8'))

// A second report, filed the same afternoon in another city: its victim paid the same level-1
// mule (李强, ICBC 济南历下支行) five minutes after the demo's V2.
const second = parseCase({
  format: 'fundtrace/case@1',
  caseId: 'JN-2026-0314-020',
  caseType: 'telecom_fraud',
  currency: 'CNY',
  timezone: 'Asia/Shanghai',
  asOf: '2026-03-14T18:00:00+08:00',
  accounts: [{ id: '6216610100008888', holder: '孙敏', institution: 'BOC', branch: '淄博分行', kind: 'bank' }],
  victims: [{ id: 'V1', name: '孙敏', accounts: ['6216610100008888'], transfers: ['S1'] }],
  transfers: [
    { id: 'S1', from: '6216610100008888', to: '6222020200004321', amount: '9000.00', time: '2026-03-14T10:35:00+08:00', channel: 'mobile', serial: 'BOC20260314103500777' },
  ],
})

// Victims become caseId/victimId; transfers found in several files are merged, never double-counted.
const linked = linkCases([demo, second])
console.log(`joint case: ${linked.joint.victims.map((v) => v.id).join(', ')}; ${linked.joint.transfers.length} transfers`)

const report = toLinkReport(linked, trace(linked.joint, { method: 'fifo' }))
console.log('\nEach case\'s victims in the joint trace')
for (const c of report.cases) {
  for (const v of c.victims) console.log(`  ${v.id.padEnd(22)} loss ${v.loss.padStart(10)}  held ${v.held.padStart(10)}  exited ${v.exited.padStart(9)}`)
}
// crossCase lists every account of the joint trace, ranked by money held, then by number of
// cases, then id; the ones marked * received money from more than one case.
console.log('\nAccounts of the joint trace, most money first (* = shared across cases)')
for (const a of report.crossCase) {
  const shared = a.cases.length > 1 ? '*' : ' '
  const byCase = Object.entries(a.heldByCase).map(([c, x]) => `${c} ${x}`).join('; ')
  console.log(`${shared} ${a.account.padEnd(24)} level ${a.level}  held ${a.heldTotal.padStart(9)}${byCase ? `  (${byCase})` : ''}`)
}
