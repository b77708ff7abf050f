import { currencyDigits, formatAmount } from './money.js'
import { formatTime } from './time.js'
import type { Case } from './types.js'

/**
 * Writes a parsed case back as a `fundtrace/case@1` JSON value (amounts as decimal strings, times
 * in the case timezone), so `parseCase(serializeCase(c))` deep-equals `c`.
 *
 * @example
 * writeFileSync('case.json', JSON.stringify(serializeCase(caseFile), null, 2))
 */
export function serializeCase(c: Case): Record<string, unknown> {
  const digits = currencyDigits(c.currency) ?? 2
  const amount = (minor: bigint) => formatAmount(minor, digits)
  const time = (ms: number) => formatTime(ms, c.timezone)
  return {
    format: c.format,
    caseId: c.caseId,
    caseType: c.caseType,
    currency: c.currency,
    timezone: c.timezone,
    ...(c.reportedAt !== undefined ? { reportedAt: time(c.reportedAt) } : {}),
    ...(c.asOf !== undefined ? { asOf: time(c.asOf) } : {}),
    accounts: c.accounts.map((a) => ({
      id: a.id,
      ...(a.holder !== undefined ? { holder: a.holder } : {}),
      ...(a.holderType !== undefined ? { holderType: a.holderType } : {}),
      ...(a.institution !== undefined ? { institution: a.institution } : {}),
      ...(a.branch !== undefined ? { branch: a.branch } : {}),
      kind: a.kind,
      openingBalance: amount(a.openingBalance),
      ...(a.statementThrough !== undefined ? { statementThrough: time(a.statementThrough) } : {}),
    })),
    victims: c.victims.map((v) => ({
      id: v.id,
      ...(v.name !== undefined ? { name: v.name } : {}),
      holderType: v.holderType,
      accounts: [...v.accounts],
      transfers: [...v.transfers],
    })),
    transfers: c.transfers.map((t) => ({
      id: t.id, from: t.from, to: t.to, amount: amount(t.amount), time: time(t.time), status: t.status,
      ...(t.channel !== undefined ? { channel: t.channel } : {}),
      ...(t.serial !== undefined ? { serial: t.serial } : {}),
    })),
  }
}
