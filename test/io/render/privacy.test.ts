import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Account, Case } from '../../../src/case/types.js'
import { toDot } from '../../../src/io/render/dot.js'
import { toHtml } from '../../../src/io/render/html.js'
import { maskReport } from '../../../src/io/render/mask.js'
import { toMermaid } from '../../../src/io/render/mermaid.js'
import { toSvg } from '../../../src/io/render/svg.js'
import { arbitraryCase } from '../../_arbitrary.js'
import { fullReport } from './_demo.js'

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗', '欧阳', '司马', '诸葛']
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛超霞刚桂']
const ORGANISATIONS = ['WIN FORTUNE TRADING LTD', 'GOLDEN BRIDGE HOLDINGS', '昆明某某数码商行', '深圳市某某科技有限公司']

const personName = fc.tuple(fc.constantFrom(...SURNAMES), fc.array(fc.constantFrom(...GIVEN), { minLength: 1, maxLength: 2 })).map(([s, g]) => s + g.join(''))
const holderName = fc.oneof({ weight: 4, arbitrary: personName }, { weight: 1, arbitrary: fc.constantFrom(...ORGANISATIONS) })

/** Realistic account numbers of 8+ characters: bank cards, plain account numbers, platform and merchant ids. */
const accountNumber = fc.oneof(
  fc.stringMatching(/^62[0-9]{14,17}$/),
  fc.stringMatching(/^[1-9][0-9]{7,15}$/),
  fc.stringMatching(/^(ALIPAY|WXPAY|POS)-[0-9]{8,16}$/),
  fc.stringMatching(/^HK-[A-Z]{4}-[0-9]{9,12}$/),
)

/** arbitraryCase with every account renamed to a generated number and given a holder; victims named. */
const personalCase: fc.Arbitrary<Case> = arbitraryCase({ maxTransfers: 25 }).chain((c) => {
  const ids = [...new Set([...c.accounts.map((a) => a.id), ...c.transfers.flatMap((t) => [t.from, t.to]), ...c.victims.flatMap((v) => v.accounts)])].sort()
  return fc.tuple(
    fc.uniqueArray(accountNumber, { minLength: ids.length, maxLength: ids.length }),
    fc.array(holderName, { minLength: ids.length, maxLength: ids.length }),
    fc.array(personName, { minLength: c.victims.length, maxLength: c.victims.length }),
  ).map(([numbers, holders, names]) => {
    const rename = new Map(ids.map((id, i) => [id, numbers[i]!]))
    const holderOf = new Map(ids.map((id, i) => [id, holders[i]!]))
    const known = new Set(c.accounts.map((a) => a.id))
    const accounts: Account[] = [
      ...c.accounts.map((a) => ({ ...a, id: rename.get(a.id)!, holder: holderOf.get(a.id)!, institution: 'ICBC', branch: '某支行' })),
      ...ids.filter((id) => !known.has(id)).map((id): Account => ({ id: rename.get(id)!, kind: 'bank', openingBalance: 0n, holder: holderOf.get(id)! })),
    ]
    return {
      ...c,
      accounts,
      victims: c.victims.map((v, i) => ({ ...v, name: names[i]!, accounts: v.accounts.map((a) => rename.get(a)!) })),
      transfers: c.transfers.map((t) => ({ ...t, from: rename.get(t.from)!, to: rename.get(t.to)! })),
    }
  })
})

/** Decodes XML/HTML character references. */
function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
  return text.replace(/&(?:#(\d+)|#x([0-9a-f]+)|([a-z]+));/gi, (whole, dec?: string, hex?: string, name?: string) =>
    dec !== undefined ? String.fromCodePoint(Number(dec)) : hex !== undefined ? String.fromCodePoint(Number.parseInt(hex, 16)) : (named[name!.toLowerCase()] ?? whole))
}

describe('masking (property): no output ever shows a full account number or name', () => {
  it('DOT, Mermaid, SVG, HTML and the masked JSON report', async () => {
    await fc.assert(fc.asyncProperty(personalCase, async (c) => {
      const report = fullReport(c)
      const secrets = [
        ...c.accounts.map((a) => a.id).filter((id) => id.length >= 8),
        ...c.accounts.map((a) => a.holder).filter((x): x is string => x !== undefined && Array.from(x).length >= 2),
        ...c.victims.map((v) => v.name).filter((x): x is string => x !== undefined && Array.from(x).length >= 2),
      ]
      const svg = await toSvg(report, { mask: true })
      const outputs: Record<string, string> = {
        dot: toDot(report, { mask: true }),
        mermaid: toMermaid(report, { mask: true }),
        svg,
        html: toHtml(report, { caseFile: c, svg, mask: true, version: '0.0.0' }),
        json: JSON.stringify(maskReport(report), null, 2),
        focused: c.victims[0] ? toDot(report, { mask: true, victim: c.victims[0].id, maxLevel: 2 }) : '',
      }
      for (const [format, text] of Object.entries(outputs)) {
        // As written and as a reader sees it (Graphviz writes `-` as `&#45;`).
        const shown = decodeEntities(text)
        for (const secret of secrets) {
          if (text.includes(secret) || shown.includes(secret)) throw new Error(`${format} shows ${JSON.stringify(secret)}`)
        }
      }
      // And the unmasked outputs do show them: the test would notice a renderer that drops data.
      const plain = toDot(report)
      for (const f of report.flows ?? []) expect(plain).toContain(f.to)
    }), { numRuns: 40 })
  })
})
