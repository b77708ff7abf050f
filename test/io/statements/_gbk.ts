/**
 * A small GBK encoder for tests, built by decoding every two-byte GBK sequence with Node's own
 * `TextDecoder('gbk')` and inverting the table (no dependency needed).
 */
let table: Map<string, number> | undefined

function gbkTable(): Map<string, number> {
  if (table) return table
  table = new Map()
  const decoder = new TextDecoder('gbk', { fatal: true })
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue
      let text: string
      try {
        text = decoder.decode(new Uint8Array([lead, trail]))
      } catch {
        continue
      }
      if (text.length === 1 && text !== '\ufffd' && !table.has(text)) table.set(text, (lead << 8) | trail)
    }
  }
  return table
}

/**
 * Encodes text as GBK bytes; throws on a character GBK cannot write.
 *
 * @example
 * encodeGbk('中文') //=> Uint8Array [0xd6, 0xd0, 0xce, 0xc4]
 */
export function encodeGbk(text: string): Uint8Array {
  const map = gbkTable()
  const out: number[] = []
  for (const ch of text) {
    const code = ch.codePointAt(0)!
    if (code < 0x80) { out.push(code); continue }
    const pair = map.get(ch)
    if (pair === undefined) throw new Error(`encodeGbk: ${JSON.stringify(ch)} has no GBK encoding`)
    out.push(pair >> 8, pair & 0xff)
  }
  return new Uint8Array(out)
}
