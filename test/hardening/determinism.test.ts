import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../cli/_run.js'

const script = (entry: string) => `
const ft = ${entry}
const fs = require('node:fs')
const c = ft.parseCase(fs.readFileSync('examples/demo-case.json', 'utf8'))
const out = []
for (const method of ['fifo', 'lifo', 'pro_rata', 'victim_last']) out.push(JSON.stringify(ft.toReport(ft.trace(c, { method }), { evidence: true, flows: true })))
out.push(JSON.stringify(ft.toReportAll(ft.compareMethods(c))))
process.stdout.write(out.join('\\n'))
`

function run(code: string, type: 'commonjs' | 'module') {
  const r = spawnSync(process.execPath, ['--input-type', type, '-e', code], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 })
  if (r.status !== 0) throw new Error(r.stderr)
  return r.stdout
}

describe('determinism across entry points and runs', () => {
  it('the ESM and CJS builds give byte-identical reports', () => {
    const cjs = run(script(`require('./dist/index.cjs')`), 'commonjs')
    const esm = run(`import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);\n${script(`await import('./dist/index.js')`)}`, 'module')
    expect(cjs.length).toBeGreaterThan(1000)
    expect(esm).toBe(cjs)
  })

  it('two runs give byte-identical reports', () => {
    const code = script(`require('./dist/index.cjs')`)
    expect(run(code, 'commonjs')).toBe(run(code, 'commonjs'))
  })
})
