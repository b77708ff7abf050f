import type { Account, Case, Transfer, Victim } from '../src/case/types.js'

/** Minute `m` after 2026-03-14T10:00 +08:00, as epoch ms. */
export const at = (m: number): number => Date.UTC(2026, 2, 14, 2, 0) + m * 60_000

/** Yuan with two decimals as fen: `yuan('12.34') === 1234n`. */
export const yuan = (text: string | number): bigint => {
  const [w = '0', f = ''] = String(text).split('.')
  return BigInt(w) * 100n + BigInt((f + '00').slice(0, 2))
}

export interface CaseParts {
  readonly accounts?: readonly (Partial<Account> & { id: string })[]
  readonly victims: readonly (Partial<Victim> & { id: string; accounts: string[]; transfers: string[] })[]
  readonly transfers: readonly (Omit<Partial<Transfer>, 'amount'> & { id: string; from: string; to: string; amount: bigint; time: number })[]
  readonly caseType?: Case['caseType']
  readonly asOf?: number
}

/** A parsed case built directly, for trace tests that do not exercise the parser. */
export function makeCase(parts: CaseParts): Case {
  return {
    format: 'fundtrace/case@1',
    caseId: 'TEST-1',
    caseType: parts.caseType ?? 'telecom_fraud',
    currency: 'CNY',
    timezone: 'Asia/Shanghai',
    ...(parts.asOf !== undefined ? { asOf: parts.asOf } : {}),
    accounts: (parts.accounts ?? []).map((a) => ({ kind: 'bank', openingBalance: 0n, ...a })),
    victims: parts.victims.map((v) => ({ holderType: 'individual', ...v })),
    transfers: parts.transfers.map((t) => ({ status: 'posted', ...t })),
  }
}
