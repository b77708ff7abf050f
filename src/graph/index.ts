export { buildCaseGraph, type AccountNode, type CaseGraph, type TransferEdge } from './case-graph.js'
