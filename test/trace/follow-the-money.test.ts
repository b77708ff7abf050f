/**
 * The follow-the-money reference (Mattsson & Takes, MIT; fixtures/follow-the-money/) computes
 * per-hop allocations with LIFO and "well-mixed" (pro-rata) heuristics. Each deposit becomes a
 * victim of its own (the reference follows every root deposit as its own origin) and every
 * withdrawal goes to a cash sink; then fundtrace's `lifo` and `pro_rata` must carry the same
 * money of each root over every transfer, and hold the same at the end.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Account, Case, Transfer, Victim } from '../../src/case/types.js'
import { parseTime } from '../../src/case/time.js'
import type { Method } from '../../src/report/types.js'
import { trace } from '../../src/trace/index.js'

const DIR = new URL('../../fixtures/follow-the-money/', import.meta.url)
const read = (path: string) => readFileSync(new URL(path, DIR), 'utf8')

interface Scenario {
  name: string
  inferred_transactions: { label: string; timestamp: string; amount: number }[] | Record<string, unknown>
  flows: { txns: string[]; accounts: string[]; amount: number; categ: string }[]
}
interface Config { transaction_header: string[]; transaction_categories: Record<string, string>; timewindow_beg: string; timewindow_end: string }

const fen = (x: number) => BigInt(Math.round(x * 100))

function toCase(csvPath: string, configPath: string, opening: ReadonlyMap<string, bigint> = new Map()): Case {
  const config = JSON.parse(read(configPath)) as Config
  const columns = config.transaction_header
  const utc = (text: string) => { const r = parseTime(text, 'UTC'); if (!r.ok) throw new Error(r.message); return r.value }
  const [begin, end] = [utc(config.timewindow_beg), utc(config.timewindow_end)]
  const transfers: Transfer[] = []
  const victims: Victim[] = []
  const sinks = new Set<string>()
  for (const line of read(csvPath).trim().split('\n')) {
    const cells = Object.fromEntries(line.split(',').map((v, i) => [columns[i]!, v])) as Record<string, string>
    const time = utc(cells.timestamp!)
    if (time < begin || time >= end) continue
    const category = config.transaction_categories[cells.type!]
    const id = cells.txn_ID!
    let from = cells.src_ID!, to = cells.tgt_ID!
    if (category === 'deposit') {
      from = `${from}@${id}`
      victims.push({ id: `D${id}`, holderType: 'individual', accounts: [from], transfers: [id] })
    } else if (category === 'withdraw') {
      to = `exit:${to}`
      sinks.add(to)
    } else if (category !== 'transfer') continue
    transfers.push({ id, from, to, amount: fen(Number(cells.amt)), time, status: 'posted' })
  }
  const accounts: Account[] = [
    ...[...sinks].map((id) => ({ id, kind: 'cash' as const, openingBalance: 0n })),
    ...[...opening].map(([id, openingBalance]) => ({ id, kind: 'bank' as const, openingBalance })),
  ]
  return { format: 'fundtrace/case@1', caseId: 'FTM', caseType: 'telecom_fraud', currency: 'USD', timezone: 'UTC', accounts, victims, transfers }
}

/** Money of each root carried over each transfer, and held at the end per root, from the reference flows. */
function expectedOf(scenario: Scenario): { carried: Map<string, bigint>; held: Map<string, bigint> } {
  const carried = new Map<string, bigint>()
  const held = new Map<string, bigint>()
  for (const flow of scenario.flows) {
    const root = flow.txns[0]!
    if (root.startsWith('inferred:')) continue
    for (const txn of flow.txns.slice(1)) {
      if (txn.startsWith('inferred:final')) held.set(`D${root}`, (held.get(`D${root}`) ?? 0n) + fen(flow.amount))
      else carried.set(`${txn}|D${root}`, (carried.get(`${txn}|D${root}`) ?? 0n) + fen(flow.amount))
    }
  }
  return { carried, held }
}

function check(method: Method, file: string, name: string, input: Case, toleranceFen: bigint) {
  const scenario = (JSON.parse(read(file)) as { scenarios: Scenario[] }).scenarios.find((s) => s.name === name)!
  const expected = expectedOf(scenario)
  const result = trace(input, { method })
  const carried = new Map<string, bigint>()
  for (const flow of result.flows) {
    if (input.victims.some((v) => v.transfers.includes(flow.transfer.id))) continue
    for (const [victim, amount] of flow.carried) carried.set(`${flow.transfer.id}|${victim}`, amount)
  }
  const keys = new Set([...expected.carried.keys(), ...carried.keys()])
  expect(keys.size).toBeGreaterThan(0)
  for (const key of keys) {
    const diff = (carried.get(key) ?? 0n) - (expected.carried.get(key) ?? 0n)
    expect(diff < 0n ? -diff : diff, `${name} ${method} ${key}`).toBeLessThanOrEqual(toleranceFen)
  }
  for (const [victim, amount] of expected.held) {
    const ours = result.victims.find((v) => v.id === victim)!.held
    const diff = ours - amount
    expect(diff < 0n ? -diff : diff, `${name} held ${victim}`).toBeLessThanOrEqual(toleranceFen)
  }
  for (const v of result.victims) expect(v.held + v.exited + v.returned + v.beyond).toBe(v.loss)
}

const network = () => toCase('examples/1_base_functionality/network_txns.csv', 'examples/1_base_functionality/network_config.json')
const account = () => toCase('examples/1_base_functionality/account_txns.csv', 'examples/1_base_functionality/account_config.json')

describe('follow-the-money reference examples', () => {
  it('ex1-network, lifo: exactly the reference flows (BBB: 6 takes 500 of 5; 10 takes 500 of 1)', () => {
    check('lifo', 'expected-lifo.json', 'ex1-network', network(), 0n)
  })
  it('ex1-network, pro_rata: exactly the reference flows (BBB: 6 and 10 take 250 of 1 and 250 of 5)', () => {
    check('pro_rata', 'expected-well-mixed.json', 'ex1-network', network(), 0n)
  })
  it('ex1-account, lifo: exactly the reference flows', () => {
    check('lifo', 'expected-lifo.json', 'ex1-account', account(), 0n)
  })
  it('ex1-account, pro_rata: the reference flows to the cent (1/41 : 40/41 splits round per transfer)', () => {
    check('pro_rata', 'expected-well-mixed.json', 'ex1-account', account(), 1n)
  })
})
