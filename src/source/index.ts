/**
 * Transfer sources: where the tracer fetches statements from when the ledger is too big to load.
 *
 * @module source
 */
export type { TimeWindow, TransferSource } from './types.js'
export { memorySource } from './memorySource.js'
export { postgresSource, type PostgresSourceOptions, type SqlQueryable } from './postgresSource.js'
export { createSchemaSql, type CreateSchemaOptions } from './createSchemaSql.js'
export { loadTransfers, type LoadTransfersOptions, type LoadTransfersResult } from './loadTransfers.js'
export { collectReachable, type CollectReachableOptions, type CollectReachableResult, type CollectReachableStats } from './collectReachable.js'
