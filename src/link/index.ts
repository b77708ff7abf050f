export { linkCases, NAMESPACE_SEPARATOR, type LinkedCases } from './link-cases.js'
export { toLinkReport, type CrossCaseAccount, type LinkReport } from './link-report.js'
