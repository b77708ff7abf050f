export { readCaseFile, readCaseStream, safeReadCaseFile, safeReadCaseStream, MAX_JSON_FILE_BYTES, type CaseFileFormat, type ReadCaseOptions, type ReadCaseStreamOptions } from './read-case.js'
export { formatSummary } from './write/summary.js'
export * from './statements/index.js'
