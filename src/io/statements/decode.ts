/**
 * Decoding statement bytes. Bank exports come in UTF-8 (often with a BOM), GBK (most
 * counter and police-feedback exports) or, from spreadsheets saved as "Unicode text", UTF-16.
 *
 * @module io/statements/decode
 */
import { FundtraceError } from '../../errors/index.js'
import type { DecodedEncoding, StatementEncoding } from './types.js'

/** Decoded text and the encoding that was used. */
export interface DecodedStatement {
  readonly text: string
  readonly encoding: DecodedEncoding
}

/**
 * Decodes a statement. `auto` (default): a UTF-8 BOM or bytes that are valid UTF-8 → UTF-8; a
 * UTF-16 BOM → UTF-16; anything else → GBK (decoded with the WHATWG `gbk` decoder, which
 * reads GB18030 too). A leading BOM is removed. Strings are returned as they are (minus a BOM).
 *
 * @example
 * decodeStatement(new Uint8Array([0xd6, 0xd0, 0xce, 0xc4])) //=> { text: '中文', encoding: 'gbk' }
 * decodeStatement(new TextEncoder().encode('中文'))        //=> { text: '中文', encoding: 'utf-8' }
 */
export function decodeStatement(input: Uint8Array | string, encoding: StatementEncoding = 'auto'): DecodedStatement {
  if (typeof input === 'string') return { text: stripBom(input), encoding: 'utf-8' }
  if (!(input instanceof Uint8Array)) {
    throw new FundtraceError([{ code: 'invalid_option', message: 'fundtrace/statements: input must be a Buffer, a Uint8Array or a string', path: [] }])
  }
  if (encoding !== 'auto' && encoding !== 'utf-8' && encoding !== 'gbk') {
    throw new FundtraceError([{ code: 'invalid_option', message: `fundtrace/statements: encoding must be 'utf-8', 'gbk' or 'auto', got ${JSON.stringify(encoding)}`, path: ['encoding'] }])
  }
  if (encoding === 'gbk') return { text: new TextDecoder('gbk').decode(input), encoding: 'gbk' }
  if (encoding === 'utf-8') return { text: stripBom(new TextDecoder('utf-8').decode(input)), encoding: 'utf-8' }
  if (input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(input.subarray(3)), encoding: 'utf-8' }
  }
  if (input[0] === 0xff && input[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(input.subarray(2)), encoding: 'utf-16le' }
  if (input[0] === 0xfe && input[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(input.subarray(2)), encoding: 'utf-16be' }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(input), encoding: 'utf-8' }
  } catch {
    return { text: new TextDecoder('gbk').decode(input), encoding: 'gbk' }
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}
