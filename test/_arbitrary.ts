import fc from 'fast-check'
import type { Account, Case, Transfer, Victim } from '../src/case/types.js'
import { at } from './_case.js'

const MULES = ['m0', 'm1', 'm2', 'm3', 'm4', 'm5']
const SPECIAL: Account[] = [
  { id: 'cash', kind: 'cash', openingBalance: 0n },
  { id: 'ext', kind: 'external', openingBalance: 0n },
  { id: 'pay', kind: 'payment_platform', openingBalance: 0n },
  { id: 'pos', kind: 'pos_merchant', openingBalance: 0n },
]

/** Random small cases: 1–3 victims, six mules, sinks, platforms; equal times and pending transfers included. */
export function arbitraryCase(options: { maxTransfers?: number; caseType?: Case['caseType'] } = {}): fc.Arbitrary<Case> {
  const victimCount = fc.integer({ min: 1, max: 3 })
  return victimCount.chain((n) => {
    const victimAccounts = Array.from({ length: n }, (_, i) => `v${i}`)
    const everyone = [...victimAccounts, ...MULES, ...SPECIAL.map((a) => a.id)]
    const fraud = fc.array(
      fc.record({ victim: fc.integer({ min: 0, max: n - 1 }), to: fc.constantFrom(...MULES, 'cash', 'pay', 'v0'), amount: fc.bigInt({ min: 1n, max: 100_000n }), minute: fc.integer({ min: 0, max: 30 }), pending: fc.boolean(), counter: fc.boolean() }),
      { minLength: 1, maxLength: 5 },
    )
    const moves = fc.array(
      fc.record({ from: fc.constantFrom(...everyone), to: fc.constantFrom(...everyone), amount: fc.bigInt({ min: 1n, max: 80_000n }), minute: fc.integer({ min: 0, max: 60 }), pending: fc.integer({ min: 0, max: 9 }) }),
      { maxLength: options.maxTransfers ?? 30 },
    )
    const openings = fc.array(fc.bigInt({ min: 0n, max: 20_000n }), { minLength: MULES.length, maxLength: MULES.length })
    return fc.tuple(fraud, moves, openings).map(([frauds, rawMoves, opening]) => {
      const transfers: Transfer[] = []
      const victims: Victim[] = victimAccounts.map((account, i) => ({ id: `V${i}`, holderType: 'individual', accounts: [account], transfers: [] }))
      frauds.forEach((f, k) => {
        const from = `v${f.victim}`
        if (from === f.to) return
        const id = `F${k}`
        transfers.push({ id, from, to: f.to, amount: f.amount, time: at(f.minute), status: f.pending && k % 3 === 0 ? 'pending' : 'posted', channel: f.counter ? 'counter' : 'mobile' })
        ;(victims[f.victim]!.transfers as string[]).push(id)
      })
      rawMoves.forEach((m, k) => {
        if (m.from === m.to) return
        transfers.push({ id: `T${k}`, from: m.from, to: m.to, amount: m.amount, time: at(m.minute), status: m.pending === 0 ? 'pending' : 'posted', channel: 'online_banking' })
      })
      const accounts: Account[] = [...MULES.map((id, i) => ({ id, kind: 'bank' as const, openingBalance: opening[i]! })), ...SPECIAL]
      return {
        format: 'fundtrace/case@1', caseId: 'PROP', caseType: options.caseType ?? 'telecom_fraud', currency: 'CNY', timezone: 'Asia/Shanghai',
        accounts, victims: victims.filter((v) => v.transfers.length > 0), transfers,
      } satisfies Case
    })
  })
}

/** Shuffles every input array of a case with a seed. */
export function shuffleCase(c: Case, seed: number): Case {
  let s = seed >>> 0 || 1
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32)
  const shuffle = <T,>(xs: readonly T[]): T[] => {
    const out = [...xs]
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1))
      ;[out[i], out[j]] = [out[j]!, out[i]!]
    }
    return out
  }
  return { ...c, accounts: shuffle(c.accounts), victims: shuffle(c.victims).map((v) => ({ ...v, transfers: shuffle(v.transfers) })), transfers: shuffle(c.transfers) }
}
