/** Deterministic ledgers and a brute-force reachability reference for the source tests. */
import { CHANNELS, type Transfer } from '../../src/case/types.js'

/** A small fast seeded PRNG (mulberry32): the same seed gives the same ledger everywhere. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Code-point order, computed the slow obvious way (independent of src/source/_lib/order.ts). */
export function byCodePoints(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0)!)
  const y = Array.from(b, (c) => c.codePointAt(0)!)
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!
  return x.length - y.length
}

export function byTimeThenId(a: Transfer, b: Transfer): number {
  return a.time - b.time || byCodePoints(a.id, b.id)
}

// Prefixes chosen so UTF-16 order and code-point order disagree (U+E000 vs the astral U+1D7D8).
const ID_PREFIXES = ['T', 't', 'T-', 'é', '转账', '\uE000', '𝟘', 'Z']
const ACCOUNT_PREFIXES = ['62', 'ac', 'AC', '账户', '𝟘', '\uFF21']

/** Start of every generated ledger: 2026-03-14T00:00:00Z. */
export const LEDGER_START = Date.UTC(2026, 2, 14)

/**
 * A ledger of `size` transfers among `accounts` accounts over three days: skewed senders (a few
 * hubs), many equal times (whole seconds and shared minutes), ids and account ids in several
 * scripts, ~5 % pending, some amounts beyond 2^53 minor units. Same seed, same ledger.
 */
export function generateLedger(size: number, accounts: number, seed = 1): Transfer[] {
  const rand = prng(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!
  const accountIds = Array.from({ length: accounts }, (_, i) => `${ACCOUNT_PREFIXES[i % ACCOUNT_PREFIXES.length]}${String(i).padStart(6, '0')}`)
  const account = (): string => {
    const r = rand()
    // 20 % of traffic from 1 % of accounts.
    return r < 0.2 ? accountIds[Math.floor(rand() * Math.max(1, accounts / 100))]! : accountIds[Math.floor(rand() * accounts)]!
  }
  const out: Transfer[] = []
  for (let i = 0; i < size; i++) {
    const from = account()
    let to = account()
    if (to === from) to = accountIds[(accountIds.indexOf(from) + 1) % accounts]!
    const r = rand()
    const time = LEDGER_START + (r < 0.3 ? Math.floor(rand() * 4320) * 60_000 : r < 0.8 ? Math.floor(rand() * 259_200) * 1000 : Math.floor(rand() * 259_200_000))
    const amount = rand() < 0.01 ? 2n ** 53n + BigInt(Math.floor(rand() * 1e9)) * 1_000_003n : BigInt(1 + Math.floor(rand() * 5_000_000))
    const t: { -readonly [K in keyof Transfer]: Transfer[K] } = {
      id: `${ID_PREFIXES[i % ID_PREFIXES.length]}${i.toString(36)}`,
      from, to, amount, time,
      status: rand() < 0.05 ? 'pending' : 'posted',
    }
    if (rand() < 0.7) t.channel = pick(CHANNELS)
    if (rand() < 0.5) t.serial = `S${seed}-${i}`
    out.push(t)
  }
  return out
}

export interface ReferenceOptions {
  readonly asOf?: number
  readonly maxLevel?: number
  readonly stopAccounts?: readonly string[]
  readonly inflows?: boolean
}

/**
 * Brute force: repeat over the whole ledger until nothing changes, keeping every
 * (account, level, time, id) arrival — no windows, no pruning, no frontier.
 */
export function reference(all: readonly Transfer[], seeds: readonly Transfer[], options: ReferenceOptions = {}) {
  const asOf = options.asOf ?? Infinity
  const maxLevel = options.maxLevel ?? Infinity
  const stops = new Set([...(options.stopAccounts ?? []), ...seeds.map((s) => s.from)])
  const arrivals = new Map<string, { level: number; time: number; id: string }[]>()
  const before = (p: { time: number; id: string }, x: Transfer) => p.time < x.time || (p.time === x.time && byCodePoints(p.id, x.id) < 0)
  const add = (account: string, level: number, time: number, id: string): boolean => {
    if (stops.has(account) || level > maxLevel) return false
    const list = arrivals.get(account) ?? []
    if (list.some((p) => p.level === level && p.time === time && p.id === id)) return false
    list.push({ level, time, id })
    arrivals.set(account, list)
    return true
  }
  for (const s of seeds) if (s.time <= asOf && s.status === 'posted') add(s.to, 1, s.time, s.id)
  const carrying = new Set<string>()
  for (let changed = true; changed;) {
    changed = false
    for (const x of all) {
      if (x.time > asOf) continue
      for (const p of [...(arrivals.get(x.from) ?? [])]) {
        if (!before(p, x)) continue
        if (!carrying.has(x.id)) {
          carrying.add(x.id)
          changed = true
        }
        if (x.status === 'posted' && add(x.to, p.level + 1, x.time, x.id)) changed = true
      }
    }
  }
  const ids = new Set([...seeds.map((s) => s.id), ...carrying])
  if (options.inflows) {
    for (const x of all) {
      if (x.time <= asOf && (arrivals.get(x.to) ?? []).some((p) => before(p, x))) ids.add(x.id)
    }
  }
  const reachedAt = new Map<string, number>()
  for (const [account, list] of [...arrivals].sort((a, b) => byCodePoints(a[0], b[0]))) {
    reachedAt.set(account, Math.min(...list.map((p) => p.time)))
  }
  return { ids: [...ids].sort(byCodePoints), reachedAt }
}
