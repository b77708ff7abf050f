import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { columnsOf } from '../../src/case/columns.js'
import { parseCase } from '../../src/case/parse.js'
import { serializeCase } from '../../src/case/serialize.js'
import type { Case, Transfer } from '../../src/case/types.js'
import { linkCases, toLinkReport } from '../../src/link/index.js'
import { trace } from '../../src/trace/index.js'
import { arbitraryCase } from '../_arbitrary.js'
import { at, makeCase } from '../_case.js'
import { referenceLinkCases } from './_reference-link-cases.js'

const json = (value: unknown) => JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? String(v) : v instanceof Map ? [...v] : v))

/** Everything linkCases returns, and the report the CLI prints from it, as text. */
function linkedText(link: typeof linkCases, cases: readonly Case[]): string {
  const linked = link(cases)
  const sources = [...linked.sources].map(([id, from]) => [id, from, linked.sources.get(id), linked.sources.has(id)])
  return json({ joint: linked.joint, victimsByCase: linked.victimsByCase, sources, size: linked.sources.size, warnings: linked.warnings, report: toLinkReport(linked, trace(linked.joint, { method: 'fifo' })) })
}

/**
 * `count` cases over shared mules whose transfers repeat one another: by id, by serial, by
 * from/to/amount/time, with other content under a repeated id or serial, and whole cases twice.
 */
function overlappingCases(count: number, perCase: number, seed: number): Case[] {
  let s = seed
  const rand = (n: number) => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) % n)
  const pool: Transfer[] = []
  const cases: Case[] = []
  for (let c = 0; c < count; c++) {
    const transfers: Transfer[] = []
    const ids = new Set<string>()
    const push = (t: Transfer) => { if (!ids.has(t.id)) { ids.add(t.id); transfers.push(t) } }
    const victimTransfers: string[] = []
    for (let k = 0; k < 3; k++) {
      const t: Transfer = { id: `F${c}-${k}`, from: `v${c}`, to: `m${rand(6)}`, amount: BigInt(1000 + rand(9000)), time: at(rand(20)), status: 'posted', serial: `S-F${c}-${k}` }
      push(t)
      victimTransfers.push(t.id)
    }
    for (let k = 0; k < perCase; k++) {
      const reuse = pool.length > 0 ? pool[rand(pool.length)]! : undefined
      const fresh: Transfer = { id: `T${c}-${k}`, from: `m${rand(6)}`, to: `m${rand(8)}`, amount: BigInt(1 + rand(3000)), time: at(rand(60)), status: rand(9) === 0 ? 'pending' : 'posted', ...(rand(3) > 0 ? { serial: `S${rand(400)}` } : {}) }
      if (fresh.from === fresh.to) continue
      const kind = reuse === undefined ? 9 : rand(10)
      if (kind === 0) push(reuse!) // same transfer again
      else if (kind === 1) push({ ...reuse!, id: `R${c}-${k}`, serial: undefined }) // same content only
      else if (kind === 2) push({ ...reuse!, id: `Q${c}-${k}` }) // same serial (if any) and content
      else if (kind === 3) push({ ...fresh, id: reuse!.id }) // same id, other money
      else if (kind === 4 && reuse!.serial !== undefined) push({ ...fresh, serial: reuse!.serial }) // same serial, other money
      else push(fresh)
      pool.push(transfers[transfers.length - 1]!)
    }
    const base = makeCase({ victims: [{ id: 'V1', accounts: [`v${c}`], transfers: victimTransfers }], transfers, accounts: [{ id: `m${rand(6)}`, openingBalance: BigInt(rand(500)) }] })
    cases.push({ ...base, caseId: `K-${rand(4) === 0 && c > 0 ? c - 1 : c}` })
  }
  return [...cases, cases[rand(cases.length)]!]
}

describe('linkCases gives exactly what the implementation before issue 10 gave', () => {
  it('on generated cases that repeat, merge and contradict one another', () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const cases = overlappingCases(12, 60, seed)
      expect(linkedText(linkCases, cases)).toBe(linkedText(referenceLinkCases, cases))
      expect(linkCases(cases).warnings.length).toBeGreaterThan(0)
    }
  })

  it('property: on arbitrary cases, partly shared, in any order', () => {
    fc.assert(fc.property(arbitraryCase(), arbitraryCase(), arbitraryCase(), fc.boolean(), (x, y, z, twice) => {
      const cases: Case[] = [{ ...x, caseId: 'B' }, { ...y, caseId: 'A' }, { ...z, caseId: 'C', transfers: [...z.transfers, ...x.transfers.slice(0, 3)] }]
      if (twice) cases.push(cases[0]!)
      expect(linkedText(linkCases, cases)).toBe(linkedText(referenceLinkCases, cases))
    }), { numRuns: 150 })
  })

  it('a transfer kept apart as caseId/id twice (the conflicting file linked twice) replaces the first, as before', () => {
    const a = makeCase({ victims: [{ id: 'V', accounts: ['v'], transfers: ['F'] }], transfers: [{ id: 'F', from: 'v', to: 'M', amount: 100n, time: at(0) }, { id: 'X', from: 'M', to: 'N', amount: 50n, time: at(1) }] })
    const b = makeCase({ victims: [{ id: 'V', accounts: ['w'], transfers: ['G'] }], transfers: [{ id: 'G', from: 'w', to: 'M', amount: 70n, time: at(0) }, { id: 'X', from: 'M', to: 'N', amount: 60n, time: at(2) }] })
    const cases = [{ ...a, caseId: 'A' }, { ...b, caseId: 'B' }, { ...b, caseId: 'B' }]
    expect(linkedText(linkCases, cases)).toBe(linkedText(referenceLinkCases, cases))
    expect(linkCases(cases).sources.get('B/X')).toEqual([{ caseId: 'B', id: 'X' }])
  })

  it('parsed cases (columns-backed) link to the same joint case and report as the same cases built in code', () => {
    for (const seed of [11, 12, 13]) {
      const parsed = overlappingCases(10, 80, seed).map((c) => parseCase(JSON.parse(JSON.stringify(serializeCase(c)))))
      expect(parsed.every((c) => columnsOf(c) !== undefined)).toBe(true)
      const inCode = parsed.map((c) => ({ ...c, transfers: [...c.transfers] }))
      expect(inCode.some((c) => columnsOf(c) !== undefined)).toBe(false)
      const mixed = parsed.map((c, i) => (i % 2 === 0 ? c : inCode[i]!))
      const text = linkedText(linkCases, parsed)
      expect(text).toBe(linkedText(linkCases, inCode))
      expect(text).toBe(linkedText(linkCases, mixed))
      expect(text).toBe(linkedText(referenceLinkCases, inCode))
      expect(linkCases(parsed).warnings.length).toBeGreaterThan(0)
    }
  })
})
