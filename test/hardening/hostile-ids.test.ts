import { describe, expect, it } from 'vitest'
import { parseCase } from '../../src/case/index.js'
import { toReport } from '../../src/report/index.js'
import { explain, trace } from '../../src/trace/index.js'

const HOSTILE = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '😀', 'a\u0301b', '0', '1e3']

function hostileCase(victimIds: string[], mule: string) {
  return {
    format: 'fundtrace/case@1', caseId: 'H', caseType: 'telecom_fraud', currency: 'CNY', timezone: 'Asia/Shanghai',
    victims: victimIds.map((id, i) => ({ id, accounts: [`acct-${i}`], transfers: [`t-${i}`] })),
    transfers: [
      ...victimIds.map((_, i) => ({ id: `t-${i}`, from: `acct-${i}`, to: mule, amount: `${i + 1}00.00`, time: `2026-03-14T10:0${i}:00+08:00` })),
      { id: 'out', from: mule, to: 'toString', amount: '150.00', time: '2026-03-14T11:00:00+08:00' },
    ],
  }
}

describe('hostile identifiers travel through trace and report as data', () => {
  it('victims and accounts named __proto__, constructor, toString… never pollute prototypes and keep their money apart', () => {
    const c = parseCase(hostileCase(HOSTILE, '__proto__'))
    const r = trace(c, { method: 'pro_rata' })
    const report = toReport(r, { evidence: true, flows: true })
    const mule = report.accounts.find((a) => a.id === '__proto__')!
    expect(Object.keys(mule.received).length).toBe(HOSTILE.length)
    expect(Object.getPrototypeOf(mule.received)).toBe(null)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    const json = JSON.parse(JSON.stringify(report)) as typeof report
    const total = Object.values(json.accounts.find((a) => a.id === '__proto__')!.received).reduce((s, x) => s + Number(x), 0)
    expect(total).toBe(HOSTILE.reduce((s, _, i) => s + (i + 1) * 100, 0))
    for (const v of r.victims) expect(v.held + v.exited + v.returned + v.beyond).toBe(v.loss)
    expect(explain(r, 'toString').reduce((s, ch) => s + ch.amount, 0n)).toBe(15000n)
    expect(Object.prototype.hasOwnProperty.call(report.evidence, '__proto__')).toBe(true)
  })

  it('NFC and NFD spellings of one id are one id (NFC rule), so they collide as duplicate victims', () => {
    const nfc = 'Jos\u00e9', nfd = 'Jose\u0301'
    expect(() => parseCase(hostileCase([nfc, nfd], 'M'))).toThrowError(expect.objectContaining({ issues: expect.arrayContaining([expect.objectContaining({ code: 'duplicate_id' })]) }))
  })

  it('ids with surrounding whitespace are refused rather than trimmed into another account', () => {
    expect(() => parseCase(hostileCase(['V1'], ' M '))).toThrowError(expect.objectContaining({ issues: expect.arrayContaining([expect.objectContaining({ code: 'schema' })]) }))
  })

  it('a very long id (256 chars) is fine; longer is refused', () => {
    expect(() => parseCase(hostileCase(['V'], 'M'.repeat(256)))).not.toThrow()
    expect(() => parseCase(hostileCase(['V'], 'M'.repeat(257)))).toThrowError(expect.objectContaining({ name: 'FundtraceError' }))
  })
})

describe('times', () => {
  it('years 0001–0099 are not read as 1901–1999', async () => {
    const { parseTime, formatTime } = await import('../../src/case/time.js')
    const r = parseTime('0050-02-28T12:00:00Z', 'UTC')
    expect(r.ok && new Date(r.value).getUTCFullYear()).toBe(50)
    expect(r.ok && formatTime(r.value, 'UTC')).toBe('0050-02-28T12:00:00+00:00')
  })
})
