/**
 * Compare the four tracing methods side by side for one account of the demo case: what each rule
 * says is still held there, per victim and in total, and the undisputed amount (the minimum over
 * the four) — a stop for that amount holds up under every rule a court may apply.
 *
 *   npx tsx examples/compare-methods.ts [account]
 */
import { readFileSync } from 'node:fs'
import { METHOD_RULES, METHODS, compareMethods, currencyDigits, formatAmountGrouped, parseCase, type MethodAmounts } from '../src/index.js'

const account = process.argv[2] ?? '6214830012340001'
const caseFile = parseCase(readFileSync(new URL('./demo-case.json', import.meta.url), 'utf8'))
const digits = currencyDigits(caseFile.currency) ?? 2
const money = (minor: bigint) => formatAmountGrouped(minor, digits)

// One sorted ledger, four sweeps.
const comparison = compareMethods(caseFile)
const row = comparison.accounts.find((a) => a.id === account)
if (!row) {
  console.error(`account ${account} received no victim money under any method`)
  process.exit(1)
}

const columns = [...METHODS, 'min', 'max'] as const
const line = (label: string, a: MethodAmounts) => `${label.padEnd(8)}${columns.map((c) => money(a[c]).padStart(13)).join('')}`
console.log(`Held at ${account} (level ${row.level}) at asOf, ${caseFile.currency}`)
console.log(`${''.padEnd(8)}${columns.map((c) => c.padStart(13)).join('')}`)
for (const [victim, amounts] of row.held) console.log(line(victim, amounts))
console.log(line('total', row.total))
console.log(`\nUndisputed (every method agrees): ${money(row.total.min)}; the methods differ by up to ${money(row.total.max - row.total.min)}`)

// The full results are there too, one per method, for anything else you want to compare.
console.log('\nPer method, whole case')
for (const method of METHODS) {
  const r = comparison.results[method]
  const held = r.victims.reduce((sum, v) => sum + v.held, 0n)
  const exited = r.victims.reduce((sum, v) => sum + v.exited, 0n)
  console.log(`  ${method.padEnd(12)} held ${money(held).padStart(11)}  exited ${money(exited).padStart(10)}  — ${METHOD_RULES[method].en}`)
}
