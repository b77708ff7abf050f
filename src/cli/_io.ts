import type { Readable, Writable } from 'node:stream'

/** What a CLI run may touch: data on stdout only, messages on stderr. */
export interface CliIo {
  readonly stdout: Writable
  readonly stderr: Writable
  readonly stdin: Readable
  readonly cwd: string
  /** Whether stderr is a terminal (progress is shown only then). */
  readonly isTTY?: boolean
}

export type ExitCode = 0 | 1 | 2

/** Writes text and resolves once it is flushed, so a piped reader gets every byte before exit. */
export function write(stream: Writable, text: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolve()))
  })
}

/** Writes text or a sequence of chunks, waiting for the stream to drain so memory stays flat. */
export async function writeAll(stream: Writable, content: string | Iterable<string>): Promise<void> {
  if (typeof content === 'string') return write(stream, content)
  let batch = ''
  for (const chunk of content) {
    batch += chunk
    if (batch.length >= 1 << 20) {
      if (!stream.write(batch)) await new Promise<void>((resolve) => stream.once('drain', resolve))
      batch = ''
    }
  }
  await write(stream, batch)
}

/** Writes text or chunks to a file; a failure becomes an `io_error` issue, never an unhandled stream error. */
export async function writeFileAll(path: string, content: string | Iterable<string>): Promise<void> {
  const { createWriteStream } = await import('node:fs')
  const { FundtraceError } = await import('../errors/index.js')
  const file = createWriteStream(path)
  const failed = new Promise<never>((_, reject) => file.once('error', (error) => reject(new FundtraceError([{ code: 'io_error', message: `cannot write ${path}: ${error.message}`, path: ['out'] }]))))
  failed.catch(() => {})
  await Promise.race([failed, writeAll(file, content)])
  await Promise.race([failed, new Promise<void>((resolve) => file.end(() => resolve()))])
}
