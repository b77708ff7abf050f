import type { CliIo } from './_io.js'

/** Phase-by-phase progress on stderr for long runs: shown only on a terminal and without --quiet. */
export interface Progress {
  phase(name: string, detail?: string): void
  done(): void
}

/**
 * A progress reporter: `reading case.ndjson… 0.0s`, `tracing 1,000,000 transfers… 4.2s`, …
 * rewritten in place on a terminal; silent when stderr is not a TTY or `quiet` is set, so
 * stderr stays clean for tools that read it.
 *
 * @example
 * const progress = createProgress(io, values.quiet === true)
 * progress.phase('tracing', '1,000,000 transfers')
 */
export function createProgress(io: CliIo, quiet: boolean): Progress {
  if (quiet || io.isTTY !== true) return { phase() {}, done() {} }
  const started = Date.now()
  let shown = false
  return {
    phase(name, detail) {
      const seconds = ((Date.now() - started) / 1000).toFixed(1)
      io.stderr.write(`\r\x1b[2Kfundtrace: ${name}${detail ? ` ${detail}` : ''}… ${seconds}s`)
      shown = true
    },
    done() {
      if (shown) io.stderr.write(`\r\x1b[2Kfundtrace: done in ${((Date.now() - started) / 1000).toFixed(1)}s\n`)
    },
  }
}
