import { bfsFromNode } from 'graphology-traversal'
import { describe, expect, it } from 'vitest'
import { buildCaseGraph } from '../../src/graph/index.js'
import { trace } from '../../src/trace/index.js'
import { at, makeCase, yuan } from '../_case.js'

const c = makeCase({
  victims: [{ id: 'V', accounts: ['v'], transfers: ['F1'] }],
  accounts: [{ id: 'M1', holder: '李强', institution: 'ICBC' }],
  transfers: [
    { id: 'F1', from: 'v', to: 'M1', amount: yuan(1000), time: at(0) },
    { id: 'T1', from: 'M1', to: 'M2', amount: yuan(400), time: at(1) },
    { id: 'T2', from: 'M1', to: 'M2', amount: yuan(100), time: at(2) },
    { id: 'N1', from: 'x', to: 'y', amount: yuan(5), time: at(3) },
    { id: 'N2', from: 'x', to: 'M1', amount: yuan(5), time: at(4) },
  ],
})

describe('buildCaseGraph', () => {
  it('a case becomes a MultiDirectedGraph: accounts as nodes, every transfer an edge keyed by its id (parallel edges kept)', () => {
    const g = buildCaseGraph(c)
    expect(g.type).toBe('directed')
    expect(g.multi).toBe(true)
    expect(g.order).toBe(5)
    expect(g.size).toBe(5)
    expect(g.source('T2')).toBe('M1')
    expect(g.getEdgeAttribute('T1', 'amount')).toBe(yuan(400))
    expect(g.getNodeAttributes('M1')).toMatchObject({ kind: 'bank', holder: '李强', institution: 'ICBC' })
    expect(g.getNodeAttribute('v', 'victim')).toBe('V')
  })

  it('from a trace result only the involved subgraph is built, with levels, held and carried amounts', () => {
    const g = buildCaseGraph(trace(c))
    expect(g.nodes().sort()).toEqual(['M1', 'M2', 'v'])
    expect(g.edges().sort()).toEqual(['F1', 'T1', 'T2'])
    expect(g.getNodeAttributes('M2')).toMatchObject({ level: 2, held: yuan(500) })
    expect(g.getEdgeAttribute('T1', 'carried')).toEqual({ V: yuan(400) })
  })

  it('works with graphology-traversal: BFS from the victim reaches the mules by depth', () => {
    const g = buildCaseGraph(trace(c))
    const seen: [string, number][] = []
    bfsFromNode(g, 'v', (node, _attributes, depth) => { seen.push([node, depth]) })
    expect(seen).toEqual([['v', 0], ['M1', 1], ['M2', 2]])
  })
})
