/**
 * Byte limits on input streams, and the errors that report them.
 *
 * @module io/_byte-limit
 */
import { Transform, type TransformCallback } from 'node:stream'
import { FundtraceError } from '../errors/index.js'

/**
 * A pass-through stream that fails with `limit_exceeded` once more than `maxBytes` went through.
 *
 * @example
 * await pipeline(createReadStream(path), byteLimit(1e9, 'the case file'), parser)
 */
export function byteLimit(maxBytes: number | undefined, what: string, advice = ''): Transform {
  let seen = 0
  return new Transform({
    transform(chunk: Buffer | string, _encoding: BufferEncoding, callback: TransformCallback) {
      seen += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length
      if (maxBytes !== undefined && seen > maxBytes) callback(limitError(maxBytes, what, advice))
      else callback(null, chunk)
    },
  })
}

/**
 * The `limit_exceeded` error for input larger than `maxBytes`.
 *
 * @example
 * limitError(400 * 2 ** 20, 'a JSON case file', 'use NDJSON or CSV').issues[0].code //=> 'limit_exceeded'
 */
export function limitError(maxBytes: number, what: string, advice = ''): FundtraceError {
  return new FundtraceError([{
    code: 'limit_exceeded',
    message: `${what} is larger than ${formatBytes(maxBytes)}${advice ? `; ${advice}` : ''}`,
    path: [],
  }])
}

/**
 * Bytes for people: `419430400` → `"400 MiB"`.
 *
 * @example
 * formatBytes(1536) //=> '1.5 KiB'
 */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${unit === 0 ? value : Number(value.toFixed(1))} ${units[unit]}`
}
