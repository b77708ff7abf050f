import { describe, expect, it } from 'vitest'
import { FundtraceError } from '../../../src/errors/index.js'
import { toDot } from '../../../src/io/render/dot.js'
import { toMermaid } from '../../../src/io/render/mermaid.js'
import { toReport } from '../../../src/report/index.js'
import { trace } from '../../../src/trace/index.js'
import { at, makeCase, yuan } from '../../_case.js'
import { demoReport, fullReport } from './_demo.js'

/** Node declarations of a DOT text: key → label. */
function dotNodes(dot: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const m of dot.matchAll(/^\s+(n\d+) \[label=("(?:[^"\\]|\\.)*")/gm)) out.set(m[1]!, m[2]!)
  return out
}

/** Edge lines of a DOT text. */
function dotEdges(dot: string): string[] {
  return dot.split('\n').filter((l) => /^\s+n\d+ -> n\d+ /.test(l))
}

/** Members of each `rank=same` subgraph: rank → node keys. */
function dotRanks(dot: string): Map<number, string[]> {
  const out = new Map<number, string[]>()
  for (const m of dot.matchAll(/subgraph rank_(\d+) \{\n\s+rank=same;\n([\s\S]*?)\n {2}\}/g)) {
    out.set(Number(m[1]), [...m[2]!.matchAll(/^\s+(n\d+) \[/gm)].map((x) => x[1]!))
  }
  return out
}

function keyOf(dot: string, account: string): string {
  for (const [key, label] of dotNodes(dot)) if (label.includes(account)) return key
  throw new Error(`no node for ${account}`)
}

describe('toDot on the demo case', () => {
  const report = demoReport()
  const dot = toDot(report)

  it('is a left-to-right digraph with sanitised node ids', () => {
    expect(dot.startsWith('digraph fundtrace {')).toBe(true)
    expect(dot).toContain('rankdir=LR')
    for (const key of dotNodes(dot).keys()) expect(key).toMatch(/^n\d+$/)
    // Accounts only in labels: never as a node id or an edge endpoint.
    for (const line of dotEdges(dot)) expect(line).toMatch(/^\s+n\d+ -> n\d+ \[/)
  })

  it('ranks victims at 0 and every account at its level, one rank=same subgraph per level', () => {
    const ranks = dotRanks(dot)
    expect([...ranks.keys()]).toEqual([0, 1, 2, 3, 4])
    expect(ranks.get(0)).toEqual([keyOf(dot, '6217000010001234'), keyOf(dot, '6228480012345678')])
    for (const account of report.accounts) expect(ranks.get(account.level)).toContain(keyOf(dot, account.id))
  })

  it('labels edges with transfer, time and the amount per victim', () => {
    const t04 = dotEdges(dot).find((l) => l.includes('T04'))!
    expect(t04).toContain(`${keyOf(dot, '6222020200004321')} -> ${keyOf(dot, '6214830012340001')}`)
    expect(t04).toContain('label="T04 10:40:00\\nV1 50,000.00\\nV2 8,480.00"')
    expect(dotEdges(dot)).toHaveLength(report.flows!.length)
  })

  it('fills funded accounts and shows the amount held; escalation and sinks have their own shapes', () => {
    const line = (account: string) => dot.split('\n').find((l) => l.includes(`${keyOf(dot, account)} [label=`))!
    expect(line('6222020200004321')).toContain('held 46,520.00')
    expect(line('6222020200004321')).toContain('fillcolor="#fde68a"')
    expect(line('ALIPAY-2088102233445566')).toContain('shape=hexagon')
    expect(line('POS-898530154110021')).toContain('shape=hexagon')
    expect(line('CASH-CMB-ATM')).toContain('shape=cylinder')
    expect(line('CASH-CMB-ATM')).toContain('exited 13,180.00')
    expect(line('CASH-CMB-ATM')).not.toContain('#fde68a')
    expect(line('HK-HSBC-817000889001')).toContain('shape=octagon')
    expect(line('6222081234500005')).toContain('dashed')
    expect(dotEdges(dot).find((l) => l.includes('T12'))).toContain('style=dashed')
  })

  it('focuses on one victim: only its flows, its levels and its amounts', () => {
    const v1 = toDot(report, { victim: 'V1' })
    const edges = dotEdges(v1)
    expect(edges.map((l) => /label="(T\d+)/.exec(l)![1]).sort()).toEqual(['T01', 'T02', 'T04', 'T07', 'T08', 'T10', 'T11'])
    expect(v1).not.toContain('V2 ')
    expect(v1).toContain('label="T04 10:40:00\\n50,000.00"')
    // 6214830012340001 holds V1 6,820.00 of its 15,300.00.
    expect(dotNodes(v1).get(keyOf(v1, '6214830012340001'))).toContain('held 6,820.00')
    expect(v1).toContain('victim V1 王芳')
  })

  it('cuts at maxLevel', () => {
    const cut = toDot(report, { maxLevel: 2 })
    expect([...dotRanks(cut).keys()]).toEqual([0, 1, 2])
    expect(cut).not.toContain('6217999900003333')
    expect(dotEdges(cut)).toHaveLength(6)
  })

  it('masks on request', () => {
    const masked = toDot(report, { mask: true })
    expect(masked).toContain('6222 **** **** 4321')
    expect(masked).not.toContain('6222020200004321')
    expect(masked).not.toContain('王芳')
    expect(masked).toContain('王*')
  })

  it('matches the reviewed snapshots', async () => {
    await expect(dot).toMatchFileSnapshot('./__snapshots__/demo.dot')
    await expect(toDot(report, { victim: 'V2', maxLevel: 3, mask: true })).toMatchFileSnapshot('./__snapshots__/demo-v2-level3-masked.dot')
  })
})

describe('toDot and toMermaid: options and input checks', () => {
  it('refuses a report without flows', () => {
    const bare = toReport(trace(makeCase({ victims: [{ id: 'A', accounts: ['a'], transfers: ['T1'] }], transfers: [{ id: 'T1', from: 'a', to: 'M', amount: yuan(1), time: at(0) }] })))
    for (const render of [toDot, toMermaid]) {
      try {
        render(bare)
        expect.unreachable()
      } catch (error) {
        expect(error).toBeInstanceOf(FundtraceError)
        expect((error as FundtraceError).issues[0]!.code).toBe('invalid_option')
      }
    }
  })

  it('refuses an unknown victim and a bad maxLevel', () => {
    const report = demoReport()
    expect(() => toDot(report, { victim: 'V9' })).toThrow(FundtraceError)
    expect(() => toMermaid(report, { maxLevel: 0 })).toThrow(FundtraceError)
    expect(() => toDot(report, { aggregateOver: -1 })).toThrow(FundtraceError)
  })

  const parallel = (n: number) => makeCase({
    victims: [{ id: 'A', accounts: ['a'], transfers: Array.from({ length: n }, (_, i) => `F${i}`) }],
    transfers: Array.from({ length: n }, (_, i) => ({ id: `F${i}`, from: 'a', to: 'M', amount: yuan(2400), time: at(i) })),
  })

  it('aggregates more than aggregateOver (3) parallel transfers with a count', () => {
    const five = toDot(fullReport(parallel(5)))
    expect(dotEdges(five)).toHaveLength(1)
    expect(dotEdges(five)[0]).toContain('label="×5, 12,000.00\\n10:00:00–10:04:00"')
    expect(dotEdges(toDot(fullReport(parallel(3))))).toHaveLength(3)
    expect(dotEdges(toDot(fullReport(parallel(5)), { aggregateOver: 5 }))).toHaveLength(5)
    expect(toMermaid(fullReport(parallel(5)))).toContain('n0 ==>|"×5, 12,000.00<br/>10:00:00–10:04:00"| n1')
  })

  it('escapes hostile labels for DOT and Mermaid; CJK passes through', () => {
    const hostile = makeCase({
      accounts: [{ id: 'M "x"\\y', holder: '李"四"\\n}];<script>&amp;#35;|`' }],
      victims: [{ id: 'A', name: '王"五', accounts: ['a\nb'], transfers: ['T1'] }],
      transfers: [{ id: 'T1', from: 'a\nb', to: 'M "x"\\y', amount: yuan(10), time: at(0) }],
    })
    const report = fullReport(hostile)
    const dot = toDot(report)
    const label = dotNodes(dot).get('n1')!
    expect(label).toBe('"M \\"x\\"\\\\y\\n李\\"四\\"\\\\n}];<script>&amp;amp;#35;|`\\nheld 10.00"')
    // No raw newline or unescaped quote can end a DOT string early.
    for (const line of dot.split('\n').filter((l) => l.includes('label='))) expect(line.replace(/\\./g, '').match(/"/g)!.length % 2).toBe(0)
    expect(dotNodes(dot).get('n0')).toBe('"A 王\\"五\\na b"')

    const mermaid = toMermaid(report)
    expect(mermaid).toContain('n1["M #quot;x#quot;#92;y<br/>李#quot;四#quot;#92;#8203;n}];#60;script#62;#38;amp;#35;35;#124;#96;<br/>held 10.00"]')
    expect(mermaid).toContain('n0(["A 王#quot;五<br/>a b"])')
    for (const line of mermaid.split('\n')) expect(line).not.toMatch(/<script|\n/)
  })
})

describe('toMermaid on the demo case', () => {
  const report = demoReport()
  const text = toMermaid(report)

  it('is a flowchart LR with one subgraph per level and sanitised ids', () => {
    expect(text).toContain('flowchart LR')
    expect([...text.matchAll(/subgraph (L\d+)\[/g)].map((m) => m[1])).toEqual(['L0', 'L1', 'L2', 'L3', 'L4'])
    for (const m of text.matchAll(/^\s+(\S+) (?:-->|-\.->|==>)\|/gm)) expect(m[1]).toMatch(/^n\d+$/)
    expect(text).toContain('n8 -.->|"T12 17:40:00 pending<br/>V2 39,200.00"| n10')
    expect(text).toMatch(/class [n\d,]+ funded/)
    expect(text).toContain('n6{{"ALIPAY-2088102233445566<br/>')
  })

  it('matches the reviewed snapshot', async () => {
    await expect(text).toMatchFileSnapshot('./__snapshots__/demo.mmd')
  })
})
