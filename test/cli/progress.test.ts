import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { run } from '../../src/cli/run.js'

async function traceWith(isTTY: boolean, extra: string[] = []) {
  const stdout = new PassThrough(), stderr = new PassThrough()
  let out = '', err = ''
  stdout.on('data', (d: Buffer) => { out += d.toString() })
  stderr.on('data', (d: Buffer) => { err += d.toString() })
  const code = await run(['trace', 'examples/demo-case.json', ...extra], { stdout, stderr, stdin: new PassThrough(), cwd: new URL('../..', import.meta.url).pathname, isTTY })
  return { code, out, err }
}

describe('progress on stderr', () => {
  it('on a terminal: phases with counts on stderr, data alone on stdout', async () => {
    const { code, out, err } = await traceWith(true)
    expect(code).toBe(0)
    expect(err).toContain('reading')
    expect(err).toContain('tracing 14 transfers, method fifo')
    expect(err).toContain('done in')
    expect(JSON.parse(out).format).toBe('fundtrace/report@1')
  })

  it('silent when stderr is not a terminal, and with --quiet', async () => {
    expect((await traceWith(false)).err).toBe('')
    expect((await traceWith(true, ['--quiet'])).err).toBe('')
  })
})
