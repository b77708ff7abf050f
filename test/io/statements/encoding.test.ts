import { describe, expect, it } from 'vitest'
import { decodeStatement, importPoliceFeedback } from '../../../src/io/statements/index.js'
import { encodeGbk } from './_gbk.js'
import { fixture } from './_helpers.js'

const utf8Bytes = fixture('police-mule.csv')
const text = utf8Bytes.toString('utf8')
const gbkBytes = encodeGbk(text)

describe('statement encodings', () => {
  it('the GBK test bytes really are GBK (not UTF-8) and round-trip', () => {
    expect(gbkBytes.length).toBeLessThan(utf8Bytes.length)
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbkBytes)).toThrow()
    expect(new TextDecoder('gbk').decode(gbkBytes)).toBe(text)
  })

  it('the same rows in GBK and in UTF-8 give identical results (auto-detected)', () => {
    const fromGbk = importPoliceFeedback(gbkBytes)
    const fromUtf8 = importPoliceFeedback(utf8Bytes)
    expect(fromGbk.encoding).toBe('gbk')
    expect(fromUtf8.encoding).toBe('utf-8')
    expect(fromGbk.transfers).toHaveLength(3)
    expect(fromGbk.transfers).toEqual(fromUtf8.transfers)
    expect(fromGbk.accounts).toEqual(fromUtf8.accounts)
    expect(fromGbk.lines).toEqual(fromUtf8.lines)
    expect(fromGbk.skipped).toEqual(fromUtf8.skipped)
    expect(fromGbk.openingBalance).toBe(fromUtf8.openingBalance)
  })

  it('honours an explicit encoding, and a UTF-8 BOM', () => {
    expect(importPoliceFeedback(gbkBytes, { encoding: 'gbk' }).transfers).toEqual(importPoliceFeedback(utf8Bytes).transfers)
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8Bytes])
    const withBom = importPoliceFeedback(bom)
    expect(withBom.encoding).toBe('utf-8')
    expect(withBom.transfers).toEqual(importPoliceFeedback(utf8Bytes).transfers)
    // Read with the wrong encoding, the Chinese headers are not found.
    expect(() => importPoliceFeedback(gbkBytes, { encoding: 'utf-8' })).toThrow(/no header row/)
  })

  it('decodes UTF-16 with a BOM (spreadsheet "Unicode text")', () => {
    const body = '交易卡号\t交易时间\n'
    const le = new Uint8Array(2 + body.length * 2)
    le[0] = 0xff; le[1] = 0xfe
    for (let i = 0; i < body.length; i++) { le[2 + 2 * i] = body.charCodeAt(i) & 0xff; le[3 + 2 * i] = body.charCodeAt(i) >> 8 }
    expect(decodeStatement(le)).toEqual({ text: body, encoding: 'utf-16le' })
  })

  it('refuses an unknown encoding', () => {
    expect(() => decodeStatement(gbkBytes, 'latin1' as 'gbk')).toThrow(/encoding/)
  })
})
