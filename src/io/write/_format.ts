import { currencyDigits, formatAmountGrouped, parseBalance } from '../../case/money.js'
import type { Report } from '../../report/types.js'

/** Formats a report's decimal-string amount for people (thousands separated). */
export function moneyFormatter(report: Pick<Report, 'currency'>): (amount: string) => string {
  const digits = currencyDigits(report.currency) ?? 2
  return (amount) => {
    const parsed = parseBalance(amount, digits)
    return parsed.ok ? formatAmountGrouped(parsed.value, digits) : amount
  }
}

/** `V1 1,000.00; V2 500.00` from a per-victim record. */
export function perVictimText(record: Readonly<Record<string, string>>, money: (amount: string) => string): string {
  return Object.entries(record).map(([victim, amount]) => `${victim} ${money(amount)}`).join('; ')
}

/** A Markdown table; `rightAligned` column numbers are aligned right. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], rightAligned: readonly number[] = []): string {
  const align = header.map((_, i) => (rightAligned.includes(i) ? '---:' : '---'))
  return [header, align, ...rows].map((r, i) => `| ${(i === 1 ? r : r.map(cell)).join(' | ')} |`).join('\n')
}

/** Escapes text for a Markdown table cell (pipes, newlines, HTML). */
export function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
