import { spawnSync } from 'node:child_process'
import { statSync } from 'node:fs'
import { totalmem } from 'node:os'
import { getHeapStatistics } from 'node:v8'

/** Inputs above this size get the larger heap (a 1M-row case builds a multi-GB report in memory). */
const LARGE_INPUT_BYTES = 64 * 1024 * 1024

/**
 * Node's default heap (~4 GB) is too small for the report of a case with a million involved
 * accounts. When an input file is large and the machine has the memory, run the CLI again in a
 * child with a heap of 70% of RAM, passing stdio through. Returns the child's exit code, or
 * `undefined` when this process should simply go on.
 */
export function rerunWithLargerHeap(argv: readonly string[], script: string): number | undefined {
  if (process.env.FUNDTRACE_HEAP_SET === '1') return undefined
  const memory = totalmem()
  const wanted = Math.floor((memory * 0.7) / 2 ** 20)
  if (getHeapStatistics().heap_size_limit >= wanted * 2 ** 20 * 0.9 || memory < 8 * 2 ** 30) return undefined
  const large = argv.some((arg) => {
    try {
      return statSync(arg).size > LARGE_INPUT_BYTES
    } catch {
      return false
    }
  })
  if (!large) return undefined
  const child = spawnSync(process.execPath, [`--max-old-space-size=${wanted}`, script, ...argv], {
    stdio: 'inherit',
    env: { ...process.env, FUNDTRACE_HEAP_SET: '1' },
  })
  return child.status ?? 1
}
