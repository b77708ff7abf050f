import { currencyDigits, formatAmountGrouped } from '../case/money.js'
import type { Ledger } from '../ledger/index.js'

/** The `shortfall` warning text, with the missing amount in the case's currency. */
export function shortfallMessage(ledger: Ledger, sender: number, transferId: string, missing: bigint): string {
  const digits = currencyDigits(ledger.source.currency) ?? 2
  return `${ledger.accountIds[sender]} sent ${transferId} for more than its known pool; the missing ${formatAmountGrouped(missing, digits)} ${ledger.source.currency} is treated as other funds (money not in the records)`
}
