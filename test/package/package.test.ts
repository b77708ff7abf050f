import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../cli/_run.js'

const bin = (name: string) => `${ROOT}node_modules/.bin/${name}`

describe('the published package shape', () => {
  it('publint finds no problem', () => {
    const r = spawnSync(bin('publint'), ['--strict'], { cwd: ROOT, encoding: 'utf8' })
    expect(r.stdout + r.stderr).toContain('All good')
    expect(r.status).toBe(0)
  })

  it('attw --pack: types resolve for ESM and CJS consumers (node16, bundler)', () => {
    const r = spawnSync(bin('attw'), ['--pack', '--profile', 'node16', '--format', 'json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 })
    expect(r.status).toBe(0)
    const result = JSON.parse(r.stdout) as { analysis: { problems: unknown[] } }
    expect(result.analysis.problems).toEqual([])
  }, 120_000)
})
