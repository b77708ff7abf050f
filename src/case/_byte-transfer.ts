/**
 * One transfer object read straight from the UTF-8 bytes of a case file, without making a
 * string or an object: the fast path of the byte readers for the transfers of a large case.
 *
 * It answers only for the common shape — known fields, each once, every value a string of
 * printable ASCII without escapes (the amount may also be a whole number), ids valid under the
 * identifier rule, an amount and a time in the shapes of `case/_fast` — and only when the
 * transfer is valid. Anything else is "not on
 * the fast path", and the reader parses that transfer with `JSON.parse` and validates it the
 * ordinary way, so the two paths accept and refuse exactly the same transfers.
 *
 * @module case/_byte-transfer
 */
import { fastAmountOfBytes, fastTimeOfBytes, minorOfInteger } from './_fast.js'
import { MAX_ID_LENGTH } from './_id.js'
import { MAX_SERIAL_LENGTH } from './schema.js'
import { CHANNELS } from './types.js'

/**
 * Where the fields of one transfer lie in the bytes, and what they are worth. Filled by
 * {@link readTransferBytes}; reused from one transfer to the next (no allocation per transfer).
 * Hashes are `hashString` of the field (FNV-1a over its code units, which are its bytes).
 *
 * @example
 * const fields = new ByteTransfer()
 * if (readTransferBytes(bytes, 0, 2, fields) > 0) console.log(fields.amount, fields.time)
 */
export class ByteTransfer {
  idStart = 0
  idEnd = 0
  idHash = 0
  fromStart = 0
  fromEnd = 0
  fromHash = 0
  toStart = 0
  toEnd = 0
  toHash = 0
  /** -1 when the transfer has no serial. */
  serialStart = -1
  serialEnd = -1
  /** Minor units (below 10^15). */
  amount = 0
  /** Epoch ms. */
  time = 0
  pending = false
  /** 1 + the index in `CHANNELS`, 0 for none. */
  channelCode = 0
}

const ID = 0
const FROM = 1
const TO = 2
const AMOUNT = 3
const TIME = 4
const STATUS = 5
const CHANNEL = 6
const SERIAL = 7
const REQUIRED = (1 << ID) | (1 << FROM) | (1 << TO) | (1 << AMOUNT) | (1 << TIME)
const FIELD_NAMES = ['id', 'from', 'to', 'amount', 'time', 'status', 'channel', 'serial'] as const
const asciiBytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0))
const FIELD_BYTES = FIELD_NAMES.map(asciiBytes)
const CHANNEL_BYTES = CHANNELS.map(asciiBytes)
const POSTED = asciiBytes('posted')
const PENDING = asciiBytes('pending')

/**
 * Reads the transfer object starting at `bytes[at]` (its `{`) into `out`. Returns the position
 * just after its `}`, or -1 when the transfer is not on the fast path (then `out` is garbage and
 * the caller must parse it the ordinary way). `digits`: minor digits of the case currency.
 *
 * @example
 * const bytes = Buffer.from('{"id":"T1","from":"A","to":"B","amount":"1.50","time":"2026-03-14T10:00:00Z"}')
 * readTransferBytes(bytes, 0, 2, fields) //=> 78 (fields.amount === 150)
 */
export function readTransferBytes(bytes: Uint8Array, at: number, digits: number, out: ByteTransfer): number {
  if (bytes[at] !== 123 /* { */) return -1
  let p = skipSpace(bytes, at + 1)
  let seen = 0
  let statusStart = -1
  let channelStart = -1
  let channelEnd = -1
  let statusEnd = -1
  let amountStart = 0
  let amountEnd = 0
  let timeStart = 0
  let timeEnd = 0
  let amountNumber = -1
  out.serialStart = -1
  out.serialEnd = -1
  for (;;) {
    if (bytes[p] !== 34 /* " */) return -1
    const keyStart = p + 1
    let q = keyStart
    while (isPlain(bytes[q])) q++
    if (bytes[q] !== 34) return -1
    const field = fieldOf(bytes, keyStart, q)
    if (field < 0 || (seen & (1 << field)) !== 0) return -1
    seen |= 1 << field
    p = skipSpace(bytes, q + 1)
    if (bytes[p] !== 58 /* : */) return -1
    p = skipSpace(bytes, p + 1)
    if (field === AMOUNT && bytes[p] !== 34) {
      // a whole number of major units, as JSON writes it ([1-9][0-9]*); any other number goes the ordinary way
      let value = 0
      for (q = p; bytes[q]! >= 48 && bytes[q]! <= 57 && q - p < 16; q++) value = value * 10 + bytes[q]! - 48
      if (q === p || bytes[p] === 48) return -1
      amountNumber = value
      p = skipSpace(bytes, q)
      if (bytes[p] === 44 /* , */) {
        p = skipSpace(bytes, p + 1)
        continue
      }
      if (bytes[p] !== 125 /* } */) return -1
      break
    }
    if (bytes[p] !== 34) return -1
    const start = p + 1
    let hash = 0x811c9dc5
    q = start
    if (field <= TO) for (let c = bytes[q]; isPlain(c); c = bytes[++q]) hash = Math.imul(hash ^ c!, 16777619)
    else while (isPlain(bytes[q])) q++
    if (bytes[q] !== 34) return -1
    switch (field) {
      case ID: out.idStart = start; out.idEnd = q; out.idHash = hash; break
      case FROM: out.fromStart = start; out.fromEnd = q; out.fromHash = hash; break
      case TO: out.toStart = start; out.toEnd = q; out.toHash = hash; break
      case AMOUNT: amountStart = start; amountEnd = q; break
      case TIME: timeStart = start; timeEnd = q; break
      case STATUS: statusStart = start; statusEnd = q; break
      case CHANNEL: channelStart = start; channelEnd = q; break
      default: out.serialStart = start; out.serialEnd = q
    }
    p = skipSpace(bytes, q + 1)
    if (bytes[p] === 44 /* , */) {
      p = skipSpace(bytes, p + 1)
      continue
    }
    if (bytes[p] !== 125 /* } */) return -1
    break
  }
  if ((seen & REQUIRED) !== REQUIRED) return -1
  if (!isPlainId(bytes, out.idStart, out.idEnd) || !isPlainId(bytes, out.fromStart, out.fromEnd) || !isPlainId(bytes, out.toStart, out.toEnd)) return -1
  if (equalBytes(bytes, out.fromStart, out.fromEnd, out.toStart, out.toEnd)) return -1
  if (statusStart < 0 || isWord(bytes, statusStart, statusEnd, POSTED)) out.pending = false
  else if (isWord(bytes, statusStart, statusEnd, PENDING)) out.pending = true
  else return -1
  out.channelCode = channelStart < 0 ? 0 : channelCodeOf(bytes, channelStart, channelEnd)
  if (out.channelCode < 0) return -1
  if (out.serialStart >= 0 && (out.serialEnd === out.serialStart || out.serialEnd - out.serialStart > MAX_SERIAL_LENGTH)) return -1
  out.amount = amountNumber >= 0 ? minorOfInteger(amountNumber, digits) : fastAmountOfBytes(bytes, amountStart, amountEnd, digits)
  if (out.amount < 0) return -1
  out.time = fastTimeOfBytes(bytes, timeStart, timeEnd)
  if (Number.isNaN(out.time)) return -1
  return p + 1
}

/** JSON whitespace (space, tab, line feed, carriage return) skipped from `p`. */
export function skipSpace(bytes: Uint8Array, p: number): number {
  for (let c = bytes[p]; c === 32 || c === 10 || c === 13 || c === 9; c = bytes[++p]);
  return p
}

/** 1 for a byte of a string the fast path takes as it is: printable ASCII but `"` and `\`. */
const PLAIN = Uint8Array.from({ length: 256 }, (_, c) => (c >= 0x20 && c <= 0x7e && c !== 34 && c !== 92 ? 1 : 0))

function isPlain(c: number | undefined): boolean {
  return PLAIN[c!] === 1
}

/** Printable ASCII (checked by the caller), 1 to 256 characters, no space at either end: valid and NFC as it is. */
function isPlainId(bytes: Uint8Array, start: number, end: number): boolean {
  return end > start && end - start <= MAX_ID_LENGTH && bytes[start] !== 32 && bytes[end - 1] !== 32
}

/** The field a name is (by its length and a letter first, then checked whole), or -1. */
function fieldOf(bytes: Uint8Array, start: number, end: number): number {
  let field: number
  switch (end - start) {
    case 2: field = bytes[start] === 105 /* i */ ? ID : TO; break
    case 4: field = bytes[start] === 102 /* f */ ? FROM : TIME; break
    case 6: field = bytes[start] === 97 /* a */ ? AMOUNT : bytes[start + 2] === 97 /* st_a_tus */ ? STATUS : SERIAL; break
    case 7: field = CHANNEL; break
    default: return -1
  }
  return isWord(bytes, start, end, FIELD_BYTES[field]!) ? field : -1
}

function channelCodeOf(bytes: Uint8Array, start: number, end: number): number {
  for (let c = 0; c < CHANNEL_BYTES.length; c++) if (isWord(bytes, start, end, CHANNEL_BYTES[c]!)) return c + 1
  return -1
}

function isWord(bytes: Uint8Array, start: number, end: number, word: Uint8Array): boolean {
  if (end - start !== word.length) return false
  for (let i = 0; i < word.length; i++) if (bytes[start + i] !== word[i]) return false
  return true
}

function equalBytes(bytes: Uint8Array, a: number, aEnd: number, b: number, bEnd: number): boolean {
  if (aEnd - a !== bEnd - b) return false
  for (let i = 0; i < aEnd - a; i++) if (bytes[a + i] !== bytes[b + i]) return false
  return true
}
