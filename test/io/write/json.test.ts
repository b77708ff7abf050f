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
