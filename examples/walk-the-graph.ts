/**
 * Walk the involved subgraph with graphology. `buildCaseGraph(result)` gives a graphology
 * `MultiDirectedGraph`: accounts as nodes (kind, holder, institution, and from a trace result the
 * level and the victim money held), transfers as edges keyed by id (amount, time, and the victim
 * money each carried). Any graphology library works on it; here graphology-traversal's BFS walks
 * downstream from a level-1 mule account, and a plain edge loop lists where V1's money went.
 *
 *   npx tsx examples/walk-the-graph.ts
 */
import { readFileSync } from 'node:fs'
import { bfsFromNode } from 'graphology-traversal'
import { buildCaseGraph, currencyDigits, formatAmountGrouped, parseCase, trace } from '../src/index.js'

const caseFile = parseCase(readFileSync(new URL('./demo-case.json', import.meta.url), 'utf8'))
const digits = currencyDigits(caseFile.currency) ?? 2
const money = (minor: bigint | undefined) => formatAmountGrouped(minor ?? 0n, digits)

// From a trace result: only the victims' accounts, the accounts their money reached, and the
// transfers that carried it (a million-row ledger never becomes a million-edge graph).
const graph = buildCaseGraph(trace(caseFile, { method: 'fifo' }))
console.log(`involved subgraph: ${graph.order} accounts, ${graph.size} transfers (the case has ${caseFile.transfers.length})`)

console.log('\nBFS downstream of 6222020200004321 (depth = hops from it)')
bfsFromNode(graph, '6222020200004321', (node, attributes, depth) => {
  console.log(`  ${'  '.repeat(depth)}${node}  level ${attributes.level}  ${attributes.kind}  held ${money(attributes.held)}`)
}, { mode: 'outbound' })

console.log("\nTransfers that carried V1's money")
graph.forEachEdge((edge, attributes, source, target) => {
  const carried = attributes.carried?.V1
  if (carried !== undefined) console.log(`  ${edge}  ${source} → ${target}  ${money(carried)} of ${money(attributes.amount)}`)
})
