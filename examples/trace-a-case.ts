/**
 * Trace a case from a notebook: parse the demo case, trace it, print each victim's balance sheet,
 * the first actions to take, and the evidence for the account at the top of the list.
 *
 *   npx tsx examples/trace-a-case.ts
 */
import { readFileSync } from 'node:fs'
import { currencyDigits, explain, formatAmountGrouped, formatTime, parseCase, toReport, trace } from '../src/index.js'

// 1. Parse. parseCase throws one FundtraceError listing every issue; nothing partial comes back.
const caseFile = parseCase(readFileSync(new URL('./demo-case.json', import.meta.url), 'utf8'))
const digits = currencyDigits(caseFile.currency) ?? 2
const money = (minor: bigint) => formatAmountGrouped(minor, digits)
console.log(`Case ${caseFile.caseId} (${caseFile.caseType}): ${caseFile.victims.length} victims, ${caseFile.transfers.length} transfers`)

// 2. Trace. Amounts in the result are bigint minor units (fen); times are epoch milliseconds.
const result = trace(caseFile, { method: 'fifo' })

// 3. Balance sheets: loss = held + exited + returned + beyond, exactly, for every victim.
console.log(`\nBalance sheets (${caseFile.currency}, method ${result.method})`)
for (const v of result.victims) {
  const balanced = v.loss === v.held + v.exited + v.returned + v.beyond
  console.log(`  ${v.id} ${v.name ?? ''}: loss ${money(v.loss)} = held ${money(v.held)} + exited ${money(v.exited)} + returned ${money(v.returned)} + beyond ${money(v.beyond)}  ${balanced ? '✓' : '✗'}`)
}

// 4. The report: ranked actions, funded accounts first.
const report = toReport(result)
console.log('\nFirst actions')
for (const a of report.actions.slice(0, 5)) {
  console.log(`  #${a.rank} ${a.kind.padEnd(19)} ${a.account.padEnd(24)} ${(a.hold ?? '').padEnd(9)} ${a.amount.padStart(9)}  level ${a.level}`)
}
console.log(`  … ${report.actions.length} actions in all; ${report.nextQueries.length} statements to pull next`)

// 5. Why the money is said to be there: the evidence chains of the top account, and of the
//    deepest account still holding victim money (the longest path).
const deepest = [...report.accounts].reverse().find((a) => a.heldTotal !== '0.00' && a.kind === 'bank')
for (const account of new Set([report.actions[0]?.account, deepest?.id])) {
  if (account === undefined) continue
  console.log(`\nWhy ${account} holds victim money`)
  for (const chain of explain(result, account)) {
    console.log(`  ${chain.victim}: ${money(chain.amount)}${chain.pending ? ' (in a pending transfer)' : ''}`)
    for (const s of chain.steps) {
      console.log(`    ${s.transfer.id}  ${s.transfer.from} → ${s.transfer.to}  ${formatTime(s.transfer.time, caseFile.timezone)}`)
    }
  }
}
