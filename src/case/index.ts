export { parseCase, safeParseCase, type InvalidTransfer, type ParseCaseOptions, type SafeParseCaseResult } from './parse.js'
export { CURRENCY_DIGITS, MAX_TRANSFER_MINOR, currencyDigits, formatAmount, formatAmountGrouped, parseAmount, parseBalance, type AmountResult } from './money.js'
export { formatTime, isValidTimezone, offsetAt, parseTime, type TimeResult } from './time.js'
export * from './types.js'
