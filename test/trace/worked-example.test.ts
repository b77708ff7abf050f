import { describe, expect, it } from 'vitest'
import { trace } from '../../src/trace/index.js'
import { at, makeCase, yuan } from '../_case.js'

/** DESIGN.md §6: A (1,000) and B (2,000) into mule M at 10:00 and 10:05; M sends 600 to N at 10:10. */
function designExample(mOpening = 0n) {
  return makeCase({
    accounts: [{ id: 'M', openingBalance: mOpening }],
    victims: [
      { id: 'A', accounts: ['a'], transfers: ['T1'] },
      { id: 'B', accounts: ['b'], transfers: ['T2'] },
    ],
    transfers: [
      { id: 'T1', from: 'a', to: 'M', amount: yuan(1000), time: at(0) },
      { id: 'T2', from: 'b', to: 'M', amount: yuan(2000), time: at(5) },
      { id: 'T3', from: 'M', to: 'N', amount: yuan(600), time: at(10) },
    ],
  })
}

function heldAt(result: ReturnType<typeof trace>, account: string) {
  return Object.fromEntries(result.accounts.find((a) => a.id === account)?.held ?? [])
}

describe('DESIGN.md §6 worked example', () => {
  it('pro_rata: N gets A 200 / B 400, M keeps A 800 / B 1,600', () => {
    const r = trace(designExample(), { method: 'pro_rata' })
    expect(heldAt(r, 'N')).toEqual({ A: yuan(200), B: yuan(400) })
    expect(heldAt(r, 'M')).toEqual({ A: yuan(800), B: yuan(1600) })
  })
  it('fifo: N gets A 600, M keeps A 400 / B 2,000', () => {
    const r = trace(designExample(), { method: 'fifo' })
    expect(heldAt(r, 'N')).toEqual({ A: yuan(600) })
    expect(heldAt(r, 'M')).toEqual({ A: yuan(400), B: yuan(2000) })
  })
  it('lifo: N gets B 600, M keeps A 1,000 / B 1,400', () => {
    const r = trace(designExample(), { method: 'lifo' })
    expect(heldAt(r, 'N')).toEqual({ B: yuan(600) })
    expect(heldAt(r, 'M')).toEqual({ A: yuan(1000), B: yuan(1400) })
  })
  it('victim_last with M opening 300: N gets other 300 + A 300, M keeps A 700 / B 2,000', () => {
    const r = trace(designExample(yuan(300)), { method: 'victim_last' })
    expect(heldAt(r, 'N')).toEqual({ A: yuan(300) })
    expect(heldAt(r, 'M')).toEqual({ A: yuan(700), B: yuan(2000) })
  })
  it('levels: M is level 1, N level 2', () => {
    const r = trace(designExample(), { method: 'fifo' })
    expect(r.accounts.map((a) => [a.id, a.level])).toEqual([['M', 1], ['N', 2]])
  })
  it('maxLevel 1 counts what would reach N as beyond', () => {
    const r = trace(designExample(), { method: 'fifo', maxLevel: 1 })
    expect(r.victims.map((v) => [v.id, v.held, v.beyond])).toEqual([['A', yuan(400), yuan(600)], ['B', yuan(2000), 0n]])
    expect(r.accounts.map((a) => a.id)).toEqual(['M'])
  })
})
