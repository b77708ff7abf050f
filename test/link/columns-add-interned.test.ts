import { describe, expect, it } from 'vitest'
import { hashString } from '../../src/case/_strings.js'
import { TransferColumns } from '../../src/case/columns.js'
import type { Transfer } from '../../src/case/types.js'
import { buildLedger } from '../../src/ledger/index.js'
import { at, makeCase } from '../_case.js'

describe('TransferColumns.addInterned (the joint case of linkCases is built with it)', () => {
  it('fills the same columns as add, and a repeated id is refused the same way', () => {
    const transfers: Transfer[] = [
      { id: 'F', from: 'v', to: 'M', amount: 100n, time: at(3), status: 'posted' },
      { id: 'X', from: 'M', to: 'N', amount: 50n, time: at(1), status: 'pending', serial: 'S1', channel: 'mobile' },
      { id: 'Y', from: 'N', to: 'v', amount: 9_007_199_254_740_993n, time: at(0), status: 'posted' },
    ]
    const { transfers: _t, ...header } = makeCase({ victims: [{ id: 'V', accounts: ['v'], transfers: ['F'] }], transfers })
    const plain = new TransferColumns(header)
    const interned = new TransferColumns(header)
    for (const t of transfers) {
      expect(plain.add(t)).toBe(-1)
      const from = interned.internAccount(t.from, t.time)
      const to = interned.internAccount(t.to, t.time)
      expect(interned.addInterned(t, from, to, hashString(t.id))).toBe(-1)
    }
    expect(interned.addInterned(transfers[1]!, 0, 0, hashString('X'))).toBe(1)
    for (const key of ['accountIds', 'count', 'bigAmounts'] as const) expect(interned[key]).toEqual(plain[key])
    for (const key of ['time', 'amount', 'from', 'to', 'flags', 'firstTime'] as const) expect([...interned[key]]).toEqual([...plain[key]])
    expect(interned.indexOf('Y')).toBe(2)
    const a = buildLedger(plain.toCase(transfers))
    const b = buildLedger(interned.toCase(transfers))
    expect([...b.transfers]).toEqual([...a.transfers])
  })
})
