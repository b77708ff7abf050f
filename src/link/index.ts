export { linkCases, NAMESPACE_SEPARATOR, type LinkedCases, type TransferOrigin } from './link-cases.js'
export { toLinkReport, type CrossCaseAccount, type LinkReport } from './link-report.js'
