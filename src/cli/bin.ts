#!/usr/bin/env node
import { fileURLToPath } from 'node:url'
import { rerunWithLargerHeap } from './_heap.js'
import { run } from './run.js'

const argv = process.argv.slice(2)
const rerun = rerunWithLargerHeap(argv, fileURLToPath(import.meta.url))
if (rerun !== undefined) {
  process.exitCode = rerun
} else {
  process.exitCode = await run(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    cwd: process.cwd(),
    isTTY: process.stderr.isTTY === true,
  })
}
