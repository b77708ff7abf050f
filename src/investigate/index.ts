export {
  addStatement, diffReports, pendingQueries, startInvestigation, tracerOf,
  type AddStatementOptions, type Investigation, type InvestigationOptions, type InvestigationStep, type StepChanges,
} from './investigation.js'
