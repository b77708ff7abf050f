import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { columnsOf, TransferColumns } from '../../src/case/columns.js'
import { parseCase } from '../../src/case/parse.js'
import { serializeCase } from '../../src/case/serialize.js'
import type { Case } from '../../src/case/types.js'
import { linkCases } from '../../src/link/index.js'
import { METHODS } from '../../src/report/types.js'
import { trace } from '../../src/trace/index.js'
import { arbitraryCase } from '../_arbitrary.js'
import { at, makeCase } from '../_case.js'

const json = (value: unknown) => JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? String(v) : v instanceof Map ? [...v] : v))
const reparse = (c: Case): Case => parseCase(JSON.parse(JSON.stringify(serializeCase(c))))

/** The columns `add` builds for a Case's transfers, in order. */
function addedColumns(c: Case): TransferColumns {
  const { transfers, ...header } = c
  const columns = new TransferColumns(header)
  for (const t of transfers) expect(columns.add(t)).toBe(-1)
  return columns
}

/** What the ledger reads of columns, as plain data. */
function columnData(c: TransferColumns) {
  const n = c.count
  const ids = Array.from({ length: n }, (_, i) => c.ids.get(i))
  return {
    n, accountIds: c.accountIds, accountIndex: [...c.accountIndex], headerAccounts: c.headerAccounts,
    firstTime: Array.from(c.firstTime.subarray(0, c.accountIds.length)),
    time: Array.from(c.time.subarray(0, n)), amount: Array.from(c.amount.subarray(0, n)), from: Array.from(c.from.subarray(0, n)),
    to: Array.from(c.to.subarray(0, n)), flags: Array.from(c.flags.subarray(0, n)), bigAmounts: [...(c.bigAmounts ?? [])],
    ids, indexOf: ids.map((id) => c.indexOf(id)),
  }
}

describe('the joint case of linkCases carries columns (issue 10: trace interns nothing again)', () => {
  it('property: its columns are exactly those add builds for its transfers, and it traces as its objects do', () => {
    fc.assert(fc.property(arbitraryCase(), arbitraryCase(), fc.constantFrom(...METHODS), fc.boolean(), (x, y, method, parsed) => {
      const inputs: Case[] = [{ ...x, caseId: 'B' }, { ...y, caseId: 'A', transfers: [...y.transfers, ...x.transfers.slice(0, 2).map((t) => ({ ...t, id: `again-${t.id}` }))] }, { ...x, caseId: 'C' }]
      const linked = linkCases(parsed ? inputs.map(reparse) : inputs)
      const columns = columnsOf(linked.joint)
      expect(columns).toBeDefined()
      expect(columnData(columns!)).toEqual(columnData(addedColumns(linked.joint)))
      const plain: Case = { ...linked.joint, transfers: [...linked.joint.transfers] }
      expect(columnsOf(plain)).toBeUndefined()
      expect(json(trace(linked.joint, { method }))).toBe(json(trace(plain, { method })))
    }), { numRuns: 150 })
  })

  it('the joint case of parsed inputs traces byte-identically to the joint case of the same cases built in code', () => {
    fc.assert(fc.property(arbitraryCase(), arbitraryCase(), arbitraryCase(), fc.constantFrom(...METHODS), (x, y, z, method) => {
      const inCode: Case[] = [{ ...x, caseId: 'C' }, { ...y, caseId: 'A' }, { ...z, caseId: 'B', transfers: [...z.transfers, ...x.transfers.slice(0, 3).map((t) => ({ ...t, id: `again-${t.id}` }))] }, { ...y, caseId: 'D' }]
      const parsed = inCode.map(reparse)
      const fromCode = linkCases(parsed.map((c) => ({ ...c, transfers: [...c.transfers] })))
      const fromParsed = linkCases(parsed)
      expect(json(fromParsed.joint)).toBe(json(fromCode.joint))
      expect(json(trace(fromParsed.joint, { method }))).toBe(json(trace(fromCode.joint, { method })))
    }), { numRuns: 100 })
  })

  it('a joint transfer replaced (a conflicting file linked twice) leaves the joint case without columns, traced from its objects', () => {
    const a = makeCase({ victims: [{ id: 'V', accounts: ['v'], transfers: ['F'] }], transfers: [{ id: 'F', from: 'v', to: 'M', amount: 100n, time: at(0) }, { id: 'X', from: 'M', to: 'N', amount: 50n, time: at(1) }] })
    const b = makeCase({ victims: [{ id: 'V', accounts: ['w'], transfers: ['G'] }], transfers: [{ id: 'G', from: 'w', to: 'M', amount: 70n, time: at(0) }, { id: 'X', from: 'M', to: 'Q', amount: 60n, time: at(2) }] })
    const linked = linkCases([{ ...a, caseId: 'A' }, { ...b, caseId: 'B' }, { ...b, caseId: 'B' }])
    expect(columnsOf(linked.joint)).toBeUndefined()
    expect(linked.joint.transfers.map((t) => t.id)).toEqual(['F', 'X', 'G', 'B/X'])
    expect(json(trace(linked.joint))).toBe(json(trace({ ...linked.joint, transfers: [...linked.joint.transfers] })))
  })

  it('amounts above 2^53 merge only when equal as integers', () => {
    const big = 2n ** 60n
    const one = makeCase({ victims: [{ id: 'V', accounts: ['v'], transfers: ['F'] }], transfers: [{ id: 'F', from: 'v', to: 'M', amount: big, time: at(0) }] })
    const two = makeCase({ victims: [{ id: 'W', accounts: ['w'], transfers: ['G'] }], transfers: [{ id: 'G', from: 'w', to: 'M', amount: 1n, time: at(0) }, { id: 'H', from: 'v', to: 'M', amount: big + 1n, time: at(0) }, { id: 'I', from: 'v', to: 'M', amount: big, time: at(0) }] })
    const linked = linkCases([{ ...one, caseId: 'A' }, { ...two, caseId: 'B' }])
    expect(linked.joint.transfers.map((t) => t.id)).toEqual(['F', 'G', 'H'])
    expect(linked.sources.get('F')).toEqual([{ caseId: 'A', id: 'F' }, { caseId: 'B', id: 'I' }])
    expect(columnData(columnsOf(linked.joint)!)).toEqual(columnData(addedColumns(linked.joint)))
  })
})
