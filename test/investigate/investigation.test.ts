import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseCase } from '../../src/case/index.js'
import type { Case } from '../../src/case/types.js'
import { addStatement, startInvestigation } from '../../src/investigate/index.js'
import { toReport } from '../../src/report/index.js'
import { trace } from '../../src/trace/index.js'
import { at, makeCase, yuan } from '../_case.js'

const demo = parseCase(readFileSync(new URL('../../examples/demo-case.json', import.meta.url), 'utf8'))
const victimTransfers = new Set(demo.victims.flatMap((v) => v.transfers))
const victimAccounts = new Set(demo.victims.flatMap((v) => v.accounts))
const asOf = demo.asOf!

/** The demo as the analyst first sees it: victims' transfers only, no statement of any mule. */
const start: Case = {
  ...demo,
  accounts: demo.accounts.map(({ statementThrough, ...a }) => (victimAccounts.has(a.id) ? { ...a, statementThrough: statementThrough! } : a)),
  transfers: demo.transfers.filter((t) => victimTransfers.has(t.id)),
}
const rowsOf = (account: string) => demo.transfers.filter((t) => t.from === account || t.to === account)

describe('Investigation (issue 5)', () => {
  it('the first step already stops the funded level-1 accounts', () => {
    const { changes } = startInvestigation(start)
    expect(changes.newActions.filter((a) => a.kind === 'stop_payment').map((a) => [a.account, a.hold, a.amount, a.level])).toEqual([
      ['6222020200004321', 'long_term', '170000.00', 1],
      ['6227001234567890', 'long_term', '30000.00', 1],
    ])
    expect(changes.newQueries.map((q) => q.account)).toEqual(['6222020200004321', '6227001234567890'])
  })

  it('a statement showing money moved on reports the stop\'s new, smaller amount', () => {
    const first = startInvestigation(start).investigation
    const step = addStatement(first, '6222020200004321', rowsOf('6222020200004321'), { through: asOf })
    expect(step.changes.amountChanges.filter((c) => c.kind === 'stop_payment').map((c) => [c.account, c.from, c.to])).toEqual([['6222020200004321', '170000.00', '46520.00']])
  })

  it('statement by statement reaches the same report as the whole case in one go', () => {
    let { investigation } = startInvestigation(start)
    let guard = 0
    while (investigation.report.nextQueries.length > 0 && guard++ < 50) {
      const query = investigation.report.nextQueries[0]!
      investigation = addStatement(investigation, query.account, rowsOf(query.account), { through: asOf }).investigation
    }
    const queried = new Set(investigation.statements.map((s) => s.account))
    const oneGo: Case = { ...demo, accounts: start.accounts.map((a) => (queried.has(a.id) ? { ...a, statementThrough: asOf } : a)) }
    expect(JSON.stringify(investigation.report)).toBe(JSON.stringify(toReport(trace(oneGo))))
    expect(investigation.case.transfers.length).toBe(demo.transfers.length)
  })

  it('importing the same transfers again (sender and receiver statements) never double counts', () => {
    const first = addStatement(startInvestigation(start).investigation, '6222020200004321', rowsOf('6222020200004321'), { through: asOf })
    const again = addStatement(first.investigation, '6214830012340001', rowsOf('6214830012340001'), { through: asOf })
    const twice = addStatement(again.investigation, '6214830012340001', rowsOf('6214830012340001').map((t) => ({ ...t, id: `dup-${t.id}` })), { through: asOf })
    expect(twice.investigation.case.transfers.length).toBe(again.investigation.case.transfers.length)
    expect(twice.investigation.report.victims).toEqual(again.investigation.report.victims)
    expect(twice.changes).toEqual({ newActions: [], holdChanges: [], amountChanges: [], cancel: [], newQueries: [] })
  })

  const small = makeCase({
    victims: [{ id: 'V', accounts: ['v'], transfers: ['F'] }],
    accounts: [{ id: 'atm', kind: 'cash' }],
    transfers: [{ id: 'F', from: 'v', to: 'M', amount: yuan(5000), time: at(0), channel: 'counter' }],
  })

  it('a statement proving the money left turns the long-term stop into a 5-day one and cancels the reversal', () => {
    const begin = startInvestigation(small)
    expect(begin.changes.newActions.map((a) => [a.kind, a.hold ?? null])).toEqual([['stop_payment', 'long_term'], ['reverse_transaction', null]])
    const step = addStatement(begin.investigation, 'M', [{ id: 'W', from: 'M', to: 'atm', amount: yuan(5000), time: at(5), status: 'posted' }], { through: at(60) })
    expect(step.changes.holdChanges.map((h) => [h.account, h.from, h.to])).toEqual([['M', 'long_term', '5d']])
    expect(step.changes.amountChanges.map((c) => [c.account, c.kind, c.from, c.to])).toEqual([])
    expect(step.changes.cancel.map((c) => c.action.kind)).toEqual(['reverse_transaction'])
    expect(step.changes.newQueries).toEqual([])
  })

  it('money found in an account that had passed it on upgrades its 5-day stop to long-term', () => {
    const emptied = startInvestigation({ ...small, transfers: [...small.transfers, { id: 'W', from: 'M', to: 'N', amount: yuan(5000), time: at(5), status: 'posted' }] })
    expect(emptied.investigation.report.actions.find((a) => a.account === 'M')?.hold).toBe('5d')
    const step = addStatement(emptied.investigation, 'N', [
      { id: 'W', from: 'M', to: 'N', amount: yuan(5000), time: at(5), status: 'posted' },
      { id: 'R', from: 'N', to: 'M', amount: yuan(1000), time: at(9), status: 'posted' },
    ], { through: at(60) })
    expect(step.changes.holdChanges.map((h) => [h.account, h.from, h.to])).toEqual([['M', '5d', 'long_term']])
  })

  it('refuses rows that do not belong to the account', () => {
    expect(() => addStatement(startInvestigation(small).investigation, 'M', [{ id: 'X', from: 'a', to: 'b', amount: 1n, time: at(1), status: 'posted' }], { through: at(2) }))
      .toThrowError(expect.objectContaining({ issues: [expect.objectContaining({ code: 'invalid_option' })] }))
  })
})
