/**
 * Follow an investigation statement by statement. At first only the victims' own transfers are
 * known: the first step already says which level-1 accounts to stop. Then, for each statement the
 * report asks for next (明细查询), we add that account's transfers — here taken from the demo
 * case, standing in for the bank's reply — and print what changed: new actions, holds to change,
 * stops to cancel (立即取消止付), new statements to pull.
 *
 *   npx tsx examples/investigate-step-by-step.ts
 */
import { readFileSync } from 'node:fs'
import { addStatement, formatTime, parseCase, startInvestigation, toReport, trace, type Account, type Case, type Report, type ReportAction, type StepChanges } from '../src/index.js'

// The full demo case plays the banks: it holds every statement we will ask for.
const full = parseCase(readFileSync(new URL('./demo-case.json', import.meta.url), 'utf8'))
const asOf = full.asOf ?? Date.now()
const at = (ms: number) => formatTime(ms, full.timezone)

/** An account's metadata as its bank reports it (without the time its statement is complete to). */
function metadata(id: string): Account {
  const { statementThrough: _, ...meta } = full.accounts.find((a) => a.id === id) ?? { id, kind: 'bank' as const, openingBalance: 0n }
  return meta
}

// What is known when the victims walk in: their accounts, their fraudulent transfers, and what
// the victims' bank knows of the receiving (level-1) accounts. No statement has been pulled yet.
const victimAccounts = new Set(full.victims.flatMap((v) => v.accounts))
const victimTransfers = full.transfers.filter((t) => full.victims.some((v) => v.transfers.includes(t.id)))
const known: Case = {
  ...full,
  accounts: [
    ...full.accounts.filter((a) => victimAccounts.has(a.id)),
    ...[...new Set(victimTransfers.map((t) => t.to))].map(metadata),
  ],
  transfers: victimTransfers,
}

const key = (a: ReportAction) => `${a.kind} ${a.account} ${a.transfer ?? ''}`

function print(title: string, changes: StepChanges, before?: Report, after?: Report): void {
  console.log(title)
  // StepChanges lists new, re-held and cancelled actions; amounts that moved we compare ourselves.
  const previous = new Map((before?.actions ?? []).map((a) => [key(a), a]))
  const moved = (after?.actions ?? []).flatMap((a) => {
    const old = previous.get(key(a))
    return old && old.amount !== a.amount ? [`  = ${a.kind} ${a.account}: ${old.amount} → ${a.amount}`] : []
  })
  for (const a of changes.newActions) console.log(`  + #${a.rank} ${a.kind} ${a.account}${a.hold ? ` (${a.hold})` : ''} ${a.amount}`)
  for (const line of moved) console.log(line)
  for (const h of changes.holdChanges) console.log(`  ~ hold ${h.account}: ${h.from} → ${h.to}`)
  for (const c of changes.cancel) console.log(`  - cancel ${c.action.kind} ${c.action.account}: ${c.reason}`)
  for (const q of changes.newQueries) console.log(`  ? pull ${q.account} (${q.institution ?? 'institution unknown'}) ${q.from} → ${q.to}`)
  if (changes.newActions.length + moved.length + changes.holdChanges.length + changes.cancel.length + changes.newQueries.length === 0) console.log('  (nothing new)')
}

let step = startInvestigation(known, { method: 'fifo' })
print(`Step 0: the victims' ${known.transfers.length} transfers`, step.changes)

for (let n = 1; n <= 20; n++) {
  const query = step.investigation.report.nextQueries[0]
  if (!query) break
  // The bank's reply: every transfer in or out of the account, complete up to asOf.
  const rows = full.transfers.filter((t) => (t.from === query.account || t.to === query.account) && t.time <= asOf)
  const counterparties = new Set(rows.flatMap((t) => [t.from, t.to]))
  const before = step.investigation.report
  step = addStatement(step.investigation, query.account, rows, { through: asOf, accounts: [...counterparties].map(metadata) })
  print(`\nStep ${n}: statement of ${query.account} through ${at(asOf)} (${rows.length} row${rows.length === 1 ? '' : 's'})`, step.changes, before, step.investigation.report)
}

const final = step.investigation.report
console.log(`\nDone after ${step.investigation.statements.length} statements: ${final.actions.length} actions, ${final.nextQueries.length} statements still to pull`)
// With every statement in, the investigation reaches what a trace of the full case says.
const reference = toReport(trace(full, { method: 'fifo' }))
const same = JSON.stringify(final.actions) === JSON.stringify(reference.actions)
console.log(`actions match a trace of the full case: ${same ? 'yes' : 'no'}`)
