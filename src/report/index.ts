export { toReport, type ReportOptions } from './to-report.js'
export * from './types.js'
export { toReportAll } from './to-report-all.js'
