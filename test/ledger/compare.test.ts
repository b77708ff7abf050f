import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { codePointOrderOf, compareCodePoints } from '../../src/ledger/index.js'

describe('codePointOrderOf', () => {
  it('sorts like compareCodePoints, with or without code units at and above U+D800', () => {
    const units = fc.string({ unit: fc.constantFrom('a', 'b', '1', '9', '\u00e9', '\u9fa5', '\ud7ff', '\ue000', '\uffff', '\ud83d\ude00', '\ud800\udc00') })
    fc.assert(fc.property(fc.array(fc.oneof(units, fc.string()), { maxLength: 30 }), (strings) => {
      expect(strings.slice().sort(codePointOrderOf(strings))).toEqual(strings.slice().sort(compareCodePoints))
    }), { numRuns: 500 })
  })

  it('falls back to code points when an astral character is present', () => {
    const ids = ['\ufb01', '\ud83d\ude00']
    expect(ids.slice().sort(codePointOrderOf(ids))).toEqual(['\ufb01', '\ud83d\ude00'])
    expect(codePointOrderOf(['T1', 'T2'])).not.toBe(compareCodePoints)
  })
})
