/** Raw `fundtrace/case@1` inputs for parser and reader tests: a fixed valid case, a generator, and writers to NDJSON / CSV. */
import fc from 'fast-check'

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
export type RawObject = { [key: string]: Json }

/** The DESIGN.md §2 example, grown to three transfers and two victims. Fresh on every call. */
export function validRaw(): RawObject {
  return {
    format: 'fundtrace/case@1',
    caseId: 'JN-2026-0314-017',
    caseType: 'telecom_fraud',
    currency: 'CNY',
    timezone: 'Asia/Shanghai',
    reportedAt: '2026-03-14T16:10:00+08:00',
    asOf: '2026-03-14T18:00:00+08:00',
    accounts: [
      {
        id: '6217000010001234', holder: '王芳', holderType: 'individual', institution: 'BOC', branch: '济南分行营业部',
        kind: 'bank', openingBalance: '1520.00', statementThrough: '2026-03-14T18:00:00+08:00',
      },
      { id: '6222020200004321', kind: 'bank' },
    ],
    victims: [
      { id: 'V1', name: '王芳', holderType: 'individual', accounts: ['6217000010001234'], transfers: ['T1', 'T2'] },
      { id: 'V2', accounts: ['6217000010009999'], transfers: ['T3'] },
    ],
    transfers: [
      { id: 'T1', from: '6217000010001234', to: '6222020200004321', amount: '50000.00', time: '2026-03-14T10:02:11+08:00', channel: 'mobile', status: 'posted', serial: 'BOC20260314100211883' },
      { id: 'T2', from: '6217000010001234', to: '6222020200004321', amount: 5000, time: '2026-03-14T10:30' },
      { id: 'T3', from: '6217000010009999', to: '6222020200004321', amount: '12.5', time: '2026-03-14T02:40:00Z', status: 'pending' },
      { id: 'T4', from: '6222020200004321', to: 'CASH-BOC-ATM', amount: '2000', time: '2026-03-14T11:00:00.250+08:00', channel: 'atm' },
    ],
  }
}

/** Ids that are distinct after NFC, including ones that break naive object maps. */
export const ID_POOL = [
  'A1', 'B2', 'C3', 'D4', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '账户甲', '账户乙',
  'caf\u00e9', 'Jose\u0301', 'a b', 'with,comma', 'with"quote', '0', '6222020200004321', 'prototype', '__defineGetter__',
] as const

const channels = ['counter', 'atm', 'online_banking', 'mobile', 'pos', 'third_party', 'cross_border_in', 'other'] as const
const serials = ['S1', 'BOC20260314100211883', 'a,b', 'say "hi"', 'two\nlines', '流水号'] as const

const transferArb = fc.record({
  from: fc.nat(ID_POOL.length - 1),
  hop: fc.integer({ min: 1, max: ID_POOL.length - 1 }),
  major: fc.integer({ min: 0, max: 9_999_999 }),
  minor: fc.integer({ min: 0, max: 99 }),
  amountShape: fc.constantFrom('fixed2', 'fixed1', 'integer-string', 'number'),
  minute: fc.integer({ min: 0, max: 60 * 24 * 30 }),
  second: fc.integer({ min: 0, max: 59 }),
  zone: fc.constantFrom('+08:00', 'Z', '', '-05:30'),
  status: fc.constantFrom(undefined, 'posted', 'pending'),
  channel: fc.option(fc.constantFrom(...channels), { nil: undefined }),
  serial: fc.option(fc.constantFrom(...serials), { nil: undefined }),
  claim: fc.nat(3),
})

/** Small valid raw cases: 1–3 victims, up to 25 transfers, hostile ids, every optional field shape. */
export const rawCaseArb: fc.Arbitrary<RawObject> = fc
  .record({
    victimCount: fc.integer({ min: 1, max: 3 }),
    transfers: fc.array(transferArb, { minLength: 3, maxLength: 25 }),
    withAccounts: fc.boolean(),
  })
  .map(({ victimCount, transfers, withAccounts }) => {
    const victimAccounts = Array.from({ length: victimCount }, (_, v) => [ID_POOL[v] as string])
    const claims: string[][] = victimAccounts.map(() => [])
    const rawTransfers = transfers.map((t, i) => {
      // the first transfers leave each victim's account, so every victim has one
      const fromIndex = i < victimCount ? i : t.from
      const from = ID_POOL[fromIndex] as string
      const to = ID_POOL[(fromIndex + t.hop) % ID_POOL.length] as string
      const id = `T${i + 1}`
      const victim = fromIndex < victimCount ? fromIndex : -1
      if (victim >= 0 && (i < victimCount || t.claim > 0)) claims[victim]?.push(id)
      const day = 1 + Math.floor(t.minute / 1440)
      const hh = Math.floor((t.minute % 1440) / 60)
      const mm = t.minute % 60
      const time = `2026-03-${pad(day)}T${pad(hh)}:${pad(mm)}:${pad(t.second)}${t.zone}`
      const major = Math.max(1, t.major)
      const amount: Json = t.amountShape === 'number' ? major
        : t.amountShape === 'integer-string' ? String(major)
          : t.amountShape === 'fixed1' ? `${major}.${t.minor % 10}`
            : `${major}.${pad(t.minor)}`
      const transfer: RawObject = { id, from, to, amount, time }
      if (t.status !== undefined) transfer.status = t.status
      if (t.channel !== undefined) transfer.channel = t.channel
      if (t.serial !== undefined) transfer.serial = t.serial
      return transfer
    })
    const raw: RawObject = {
      format: 'fundtrace/case@1', caseId: 'GEN-1', caseType: 'online_banking_theft', currency: 'CNY', timezone: 'Asia/Shanghai',
      victims: victimAccounts.map((accounts, v) => ({ id: `V${v + 1}`, accounts, transfers: claims[v] ?? [] })),
      transfers: rawTransfers,
    }
    if (withAccounts) {
      raw.accounts = ID_POOL.slice(0, 6).map((id, i) => ({ id, holder: i % 2 ? 'Jose\u0301' : '王芳', openingBalance: i % 3 ? `${i}00.5` : 0, kind: i === 5 ? 'cash' : 'bank' }))
    }
    return raw
  })

/** The header of a raw case: every field but `transfers`. */
export function headerOf(raw: RawObject): RawObject {
  const { transfers: _transfers, ...header } = raw
  return header
}

/** A raw case as NDJSON: the header line, then one transfer per line. */
export function toNdjson(raw: RawObject): string {
  const transfers = raw.transfers as Json[]
  return [JSON.stringify(headerOf(raw)), ...transfers.map((t) => JSON.stringify(t))].join('\n') + '\n'
}

/** A raw case's transfers as RFC 4180 CSV (every cell quoted, CRLF), columns in the given order. */
export function toCsv(raw: RawObject, columns: readonly string[] = ['id', 'from', 'to', 'amount', 'time', 'status', 'channel', 'serial']): string {
  const quote = (cell: string) => `"${cell.replace(/"/g, '""')}"`
  const rows = (raw.transfers as RawObject[]).map((t) => columns.map((c) => quote(t[c] === undefined ? '' : String(t[c]))).join(','))
  return [columns.join(','), ...rows].join('\r\n') + '\r\n'
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}
