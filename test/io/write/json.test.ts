import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { jsonChunks } from '../../../src/io/write/json.js'

describe('jsonChunks', () => {
  it('property: the chunks join to exactly JSON.stringify(value, null, 2) for any JSON object', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 4 })), (value) => {
      expect([...jsonChunks(value)].join('')).toBe(JSON.stringify(value, null, 2))
    }), { numRuns: 500 })
  })

  it('writes a top-level array element by element', () => {
    const chunks = [...jsonChunks({ a: [1, { b: [2, 3] }], c: 'x' })]
    expect(chunks.length).toBeGreaterThan(4)
    expect(chunks.join('')).toBe(JSON.stringify({ a: [1, { b: [2, 3] }], c: 'x' }, null, 2))
  })
})

describe('jsonChunks with a depth', () => {
  it('property: any depth joins to exactly JSON.stringify(value, null, 2)', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 5 })), fc.integer({ min: 0, max: 6 }), (value, depth) => {
      expect([...jsonChunks(value, { depth })].join('')).toBe(JSON.stringify(value, null, 2))
    }), { numRuns: 500 })
  })

  it('splits nested arrays member by member down to the depth given', () => {
    const value = { joint: { accounts: [{ id: 'a' }, { id: 'b' }] }, cases: [{ caseId: 'C1', actions: [{ rank: 1 }, { rank: 2 }] }] }
    const action = '{\n          "rank": 1\n        }'
    const deep = [...jsonChunks(value, { depth: 4 })]
    expect(deep).toContain(action)
    expect([...jsonChunks(value)]).not.toContain(action)
    expect(deep.join('')).toBe(JSON.stringify(value, null, 2))
  })
})
