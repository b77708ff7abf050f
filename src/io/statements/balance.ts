/**
 * Balance reconciliation: the balance column of a statement chains — every balance is the
 * previous one plus the movement's credit or minus its debit. Where it does not, money moved that
 * the imported rows do not show (a missing or unreadable row, a statement cut), and the analyst
 * must know before trusting a trace built on the statement.
 *
 * @module io/statements/balance
 */
import { formatAmountGrouped } from '../../case/money.js'
import type { Movement, StatementWarning } from './types.js'

/** Result of {@link reconcileBalances}. */
export interface BalanceCheck {
  /** Per own account: balance before its first movement (first known balance ∓ the movements up to it). */
  readonly openingBalances: Readonly<Record<string, bigint>>
  /** One `balance_gap` warning per row whose balance does not follow from the previous one. */
  readonly warnings: StatementWarning[]
}

/**
 * Checks the balance chain of each own account. Movements are ordered by time, equal times in
 * file order — or in reverse file order when the account's rows are listed newest first (their
 * first row is later than their last), as many bank exports are. Rows without a balance are
 * carried into the next balance. The opening balance is the first balance minus (for 进) or plus
 * (for 出) the movements up to and including its row.
 *
 * @example
 * const ms = [
 *   { row: 2, account: 'A', time: 1, direction: 'in',  amount: 100000n, balance: 150000n },
 *   { row: 3, account: 'A', time: 2, direction: 'out', amount: 30000n,  balance: 120000n },
 *   { row: 4, account: 'A', time: 3, direction: 'out', amount: 20000n,  balance: 90000n },
 * ] as const
 * const check = reconcileBalances(ms, 2)
 * check.openingBalances.A //=> 50000n
 * check.warnings[0]       //=> { code: 'balance_gap', row: 4, rows: [3, 4], amount: -10000n, … }
 */
export function reconcileBalances(movements: readonly Movement[], digits: number): BalanceCheck {
  const byAccount = new Map<string, Movement[]>()
  for (const m of movements) {
    let list = byAccount.get(m.account)
    if (!list) byAccount.set(m.account, (list = []))
    list.push(m)
  }
  const openingBalances: Record<string, bigint> = {}
  const warnings: StatementWarning[] = []
  for (const account of [...byAccount.keys()].sort()) {
    const inFileOrder = [...byAccount.get(account)!].sort((a, b) => a.row - b.row)
    const newestFirst = inFileOrder.length > 1 && inFileOrder[0]!.time > inFileOrder[inFileOrder.length - 1]!.time
    const chain = inFileOrder.sort((a, b) => a.time - b.time || (newestFirst ? b.row - a.row : a.row - b.row))
    let known: { balance: bigint; row: number } | undefined
    let flow = 0n
    for (const m of chain) {
      flow += m.direction === 'in' ? m.amount : -m.amount
      if (m.balance === undefined) continue
      if (known === undefined) {
        openingBalances[account] = m.balance - flow
      } else {
        const expected = known.balance + flow
        if (m.balance !== expected) {
          const gap = m.balance - expected
          warnings.push({
            code: 'balance_gap',
            message: `account ${account}: balance ${formatAmountGrouped(m.balance, digits)} at row ${m.row} does not follow from balance ${formatAmountGrouped(known.balance, digits)} at row ${known.row}${flow === 0n ? '' : ` ${flow > 0n ? '+' : '−'} ${formatAmountGrouped(flow < 0n ? -flow : flow, digits)}`} (expected ${formatAmountGrouped(expected, digits)}): ${gap > 0n ? '+' : '−'}${formatAmountGrouped(gap < 0n ? -gap : gap, digits)} unexplained — rows may be missing between them`,
            path: [],
            row: m.row,
            rows: [known.row, m.row],
            amount: gap,
            account,
          })
        }
      }
      known = { balance: m.balance, row: m.row }
      flow = 0n
    }
  }
  return { openingBalances, warnings }
}
