import { describe, expect, it } from 'vitest'
import * as plan from '../../src/plan/index.js'

describe('plan public face', () => {
  it('index: exports the plan API, the policy, and the action log under unambiguous names', () => {
    for (const name of [
      'resolvePolicy', 'DEFAULT_POLICY', 'STOP_REMARK', 'severityOf', 'policyOverridesSchema', 'assignExecutors', 'routingPackets',
      'caseMetaFromCase', 'packetCsv', 'packetMarkdown', 'escalations', 'recordEscalationResult', 'victimNotice', 'createLog', 'appendLog',
      'verifyLog', 'serializeLog', 'parseLog', 'verifySerializedLog', 'dueForRenewal', 'restitutionPlan', 'assertInScope', 'caseSeverity',
      'victimSeverities',
    ]) expect(plan, name).toHaveProperty(name)
    expect(plan.actionLog.append).toBe(plan.appendLog)
    expect(plan.actionLog.verify).toBe(plan.verifyLog)
    expect(plan).not.toHaveProperty('parse')
  })
})
