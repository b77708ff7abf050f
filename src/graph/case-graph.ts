import { MultiDirectedGraph } from 'graphology'
import type { AccountKind, Case, Channel, TransferStatus } from '../case/types.js'
import { KIND_BY_CODE } from '../ledger/index.js'
import type { TraceResult } from '../trace/index.js'

/** Node attributes: an account, with what the trace found there when built from a result. */
export interface AccountNode {
  kind: AccountKind
  holder?: string
  institution?: string
  branch?: string
  /** Id of the victim owning this account, when it is a victim's. */
  victim?: string
  /** Set when built from a trace result. */
  level?: number
  /** Victim money held at asOf, minor units (from a trace result). */
  held?: bigint
  [key: string]: unknown
}

/** Edge attributes: one transfer, keyed by its id. */
export interface TransferEdge {
  amount: bigint
  time: number
  status: TransferStatus
  channel?: Channel
  serial?: string
  /** Victim money carried, minor units by victim id (from a trace result). */
  carried?: Readonly<Record<string, bigint>>
  [key: string]: unknown
}

export type CaseGraph = MultiDirectedGraph<AccountNode, TransferEdge>

/**
 * The case as a graphology `MultiDirectedGraph`: accounts as nodes, transfers as edges keyed by
 * transfer id. From a parsed case it holds every transfer; from a trace result only the involved
 * subgraph (victims' accounts, accounts that received victim money, and the transfers that carried
 * it) — so a million-row ledger never becomes a million-edge graph.
 *
 * @example
 * import { bfsFromNode } from 'graphology-traversal'
 * const graph = buildCaseGraph(trace(caseFile))
 * bfsFromNode(graph, '6222020200004321', (node, attrs, depth) => console.log(node, attrs.level, depth))
 */
export function buildCaseGraph(input: Case | TraceResult): CaseGraph {
  const graph: CaseGraph = new MultiDirectedGraph<AccountNode, TransferEdge>()
  const isResult = 'flows' in input
  const source: Case = isResult ? input.case : input
  const meta = new Map(source.accounts.map((a) => [a.id, a]))
  const owner = new Map<string, string>()
  for (const v of source.victims) for (const a of v.accounts) if (!owner.has(a)) owner.set(a, v.id)

  const addAccount = (id: string) => {
    if (graph.hasNode(id)) return
    const m = meta.get(id)
    const attributes: AccountNode = { kind: m?.kind ?? KIND_BY_CODE[0]! }
    if (m?.holder !== undefined) attributes.holder = m.holder
    if (m?.institution !== undefined) attributes.institution = m.institution
    if (m?.branch !== undefined) attributes.branch = m.branch
    const victim = owner.get(id)
    if (victim !== undefined) attributes.victim = victim
    graph.addNode(id, attributes)
  }

  if (!isResult) {
    for (const a of source.accounts) addAccount(a.id)
    for (const t of source.transfers) {
      addAccount(t.from)
      addAccount(t.to)
      graph.addDirectedEdgeWithKey(t.id, t.from, t.to, edgeAttributes(t))
    }
    return graph
  }
  for (const v of source.victims) for (const a of v.accounts) addAccount(a)
  for (const account of input.accounts) {
    addAccount(account.id)
    graph.mergeNodeAttributes(account.id, { level: account.level, held: account.heldTotal })
  }
  for (const flow of input.flows) {
    const t = flow.transfer
    addAccount(t.from)
    addAccount(t.to)
    graph.addDirectedEdgeWithKey(t.id, t.from, t.to, { ...edgeAttributes(t), carried: Object.fromEntries(flow.carried) })
  }
  return graph
}

function edgeAttributes(t: Case['transfers'][number]): TransferEdge {
  const attributes: TransferEdge = { amount: t.amount, time: t.time, status: t.status }
  if (t.channel !== undefined) attributes.channel = t.channel
  if (t.serial !== undefined) attributes.serial = t.serial
  return attributes
}
