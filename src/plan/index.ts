/**
 * The response plan: everything downstream of a trace report — policy, executors, routing
 * packets and their exports, escalations, the victim notice, the action log, restitution and
 * scope. The core action ranking lives in `actions.ts` (added by the core).
 *
 * @module plan
 */
export {
  DEFAULT_POLICY,
  STOP_REMARK,
  policyOverridesSchema,
  severityOf,
  type Policy,
  type PolicyOverrides,
  type SeverityThresholds,
} from './policy.js'
export { resolvePolicy, type ResolvePolicyOptions } from './resolve-policy.js'
export { assertInScope, caseSeverity, victimSeverities, type InScopeCaseType, type SeverityOptions } from './scope.js'
export { assignExecutors, POLICE_PLATFORM, type AssignedAction, type AssignExecutorsOptions, type Executor } from './executors.js'
export {
  caseMetaFromCase,
  COPY_TO,
  routingPackets,
  type AccountReportRow,
  type CaseMeta,
  type CaseMetaVictim,
  type CaseReportForm,
  type CaseReportVictim,
  type RoutingOptions,
  type RoutingPacket,
  type StopRequestRow,
} from './routing.js'
export {
  ATTACHMENT1_COLUMNS,
  ATTACHMENT2_COLUMNS,
  ATTACHMENT3_COLUMNS,
  packetCsv,
  packetMarkdown,
  packetRows,
  csvTable,
  type ExportColumn,
  type Row,
  type ExportOptions,
  type PacketCsv,
} from './routing-export.js'
export {
  ESCALATION_DOCUMENTS,
  ESCALATION_NOTIFY,
  escalations,
  recordEscalationResult,
  type EscalationDocument,
  type EscalationEvent,
  type EscalationItem,
  type EscalationNotify,
  type EscalationOptions,
  type EscalationStatus,
} from './escalations.js'
export { VICTIM_GUIDANCE, victimNotice, type NoticeAccount, type VictimNotice } from './victim-notice.js'
// The action log's functions keep their short names in `./action-log.js` (`append`, `verify`,
// `serialize`, `parse`, …); here they carry a `Log` suffix so the package's top level stays
// unambiguous, and the whole module is also available as the `actionLog` namespace.
export * as actionLog from './action-log.js'
export {
  actionStates,
  append as appendLog,
  createLog,
  dueForRenewal,
  FIVE_DAY_HOLD_DAYS,
  GENESIS,
  lapsedHolds,
  parse as parseLog,
  serialize as serializeLog,
  verify as verifyLog,
  verifySerialized as verifySerializedLog,
  type ActionLog,
  type ActionState,
  type CancelledEvent,
  type DueHold,
  type EscalationResultEvent,
  type ExecutedEvent,
  type ExpiresEvent,
  type JudicialFreezeEvent,
  type LogEntry,
  type LogEvent,
  type LogEventInput,
  type ProposedEvent,
  type VerifyResult,
} from './action-log.js'
export {
  PUBLIC_NOTICE_DAYS,
  restitutionPlan,
  type AccountRestitution,
  type RestitutionOptions,
  type RestitutionPlan,
  type RestitutionRule,
  type VictimRestitution,
} from './restitution.js'
export { explainVictim, ruleText, type Bilingual, type VictimFacts } from './restitution-text.js'
export {
  ACTION_LABELS,
  actionLabel,
  CASE_TYPE_LABELS,
  HOLD_LABELS,
  METHOD_RULES,
  SEVERITY_LABELS,
  type Language,
} from './labels.js'
