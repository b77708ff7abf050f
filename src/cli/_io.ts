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
