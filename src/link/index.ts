export { linkCases, NAMESPACE_SEPARATOR, type LinkedCases, type TransferOrigin } from './link-cases.js'
export { LINK_REPORT_FORMAT, toLinkReport, type CrossCaseAccount, type LinkCase, type LinkCaseAction, type LinkReport } from './link-report.js'
