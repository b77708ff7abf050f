/**
 * zod v4 schemas of the raw `fundtrace/case@1` JSON (DESIGN.md §2): the shapes as they appear in
 * a file, before amounts become `bigint` and times epoch milliseconds. Ids are checked against
 * the identifier rule and come out NFC-normalised; names come out NFC-normalised.
 *
 * Domain rules that need the whole case (currency digits, timezone, uniqueness, references)
 * are not here: {@link parseCase} applies them, with their own issue codes.
 *
 * @module case/schema
 */
import { z } from 'zod'
import { idProblem } from './_id.js'
import { ACCOUNT_KINDS, CASE_FORMAT, CASE_TYPES, CHANNELS, HOLDER_TYPES, TRANSFER_STATUSES } from './types.js'

/**
 * Longest free-text field (holder, name, institution, branch), in UTF-16 code units.
 *
 * @example
 * MAX_TEXT_LENGTH //=> 1024
 */
export const MAX_TEXT_LENGTH = 1024

/**
 * An id: see the identifier rule on {@link parseCase}. Output is the NFC form.
 *
 * @example
 * IdSchema.parse('e\u0301') //=> 'é'
 * IdSchema.safeParse(' T1').success //=> false
 */
export const IdSchema = z
  .string()
  .superRefine((id, ctx) => {
    const problem = idProblem(id)
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem })
  })
  .transform((id) => id.normalize('NFC'))

/**
 * A person's or organisation's name: any string up to {@link MAX_TEXT_LENGTH}, NFC-normalised.
 *
 * @example
 * NameSchema.parse('王芳') //=> '王芳'
 */
export const NameSchema = z.string().max(MAX_TEXT_LENGTH).transform((name) => name.normalize('NFC'))

/**
 * Free text such as an institution or branch name.
 *
 * @example
 * TextSchema.parse('济南分行营业部') //=> '济南分行营业部'
 */
export const TextSchema = z.string().max(MAX_TEXT_LENGTH)

/**
 * An amount as written: a decimal string of major units or a JSON integer of major units. Its
 * value is checked by `parseAmount` (codes `invalid_amount`, `amount_precision`, …).
 *
 * @example
 * RawAmountSchema.parse('50000.00') //=> '50000.00'
 */
export const RawAmountSchema = z.union([z.string(), z.number()], {
  error: (issue) => issue.input === undefined ? 'missing required field "amount"' : 'amount must be a decimal string of major units such as "12.34" (or a JSON integer of major units)',
})

/**
 * A time as written; its value is checked by `parseTime` (code `invalid_time`).
 *
 * @example
 * RawTimeSchema.parse('2026-03-14T10:02:11+08:00')
 */
export const RawTimeSchema = z.string({
  error: (issue) => issue.input === undefined ? undefined : 'time must be an ISO 8601 string such as "2026-03-14T10:02:11+08:00"',
})

/**
 * Longest transfer serial, in UTF-16 code units.
 *
 * @example
 * MAX_SERIAL_LENGTH //=> 256
 */
export const MAX_SERIAL_LENGTH = 256

/**
 * A transfer reference number from the bank's statement.
 *
 * @example
 * SerialSchema.parse('BOC20260314100211883')
 */
export const SerialSchema = z.string().min(1, 'serial must not be empty; leave it out instead').max(MAX_SERIAL_LENGTH)

/**
 * One account's metadata (`accounts[]`). Unknown fields are refused.
 *
 * @example
 * AccountSchema.parse({ id: '6217000010001234', holder: '王芳' }).kind //=> 'bank'
 */
export const AccountSchema = z.strictObject({
  id: IdSchema,
  holder: NameSchema.optional(),
  holderType: z.enum(HOLDER_TYPES).default('individual'),
  institution: TextSchema.optional(),
  branch: TextSchema.optional(),
  kind: z.enum(ACCOUNT_KINDS).default('bank'),
  openingBalance: RawAmountSchema.optional(),
  statementThrough: RawTimeSchema.optional(),
})

/**
 * One victim (`victims[]`): the victim's own accounts and the fraudulent transfers out of them.
 *
 * @example
 * VictimSchema.parse({ id: 'V1', accounts: ['A'], transfers: ['T1'] }).holderType //=> 'individual'
 */
export const VictimSchema = z.strictObject({
  id: IdSchema,
  name: NameSchema.optional(),
  holderType: z.enum(HOLDER_TYPES).default('individual'),
  accounts: z.array(IdSchema).min(1, 'a victim needs at least one account'),
  transfers: z.array(IdSchema).min(1, 'a victim needs at least one fraudulent transfer'),
})

/**
 * One transfer (`transfers[]`, an NDJSON line, a CSV row). Unknown fields are refused.
 *
 * @example
 * TransferSchema.parse({ id: 'T1', from: 'A', to: 'B', amount: '1.00', time: '2026-03-14T10:00' }).status //=> 'posted'
 */
export const TransferSchema = z.strictObject({
  id: IdSchema,
  from: IdSchema,
  to: IdSchema,
  amount: RawAmountSchema,
  time: RawTimeSchema,
  status: z.enum(TRANSFER_STATUSES).default('posted'),
  channel: z.enum(CHANNELS).optional(),
  serial: SerialSchema.optional(),
})

/**
 * The scalar header fields of a case file. Unknown top-level fields are checked apart (only
 * `x-` extension fields are allowed), so this object schema strips them.
 *
 * @example
 * HeaderFieldsSchema.parse({ format: 'fundtrace/case@1', caseId: 'C1', caseType: 'telecom_fraud',
 *   currency: 'CNY', timezone: 'Asia/Shanghai' }).caseId //=> 'C1'
 */
export const HeaderFieldsSchema = z.object({
  format: z.literal(CASE_FORMAT),
  caseId: IdSchema,
  caseType: z.enum(CASE_TYPES),
  currency: z.string().max(16),
  timezone: z.string().max(64),
  reportedAt: RawTimeSchema.optional(),
  asOf: RawTimeSchema.optional(),
})

/**
 * The header of a case: every field but `transfers` (the first NDJSON line, the JSON file beside a CSV).
 *
 * @example
 * CaseHeaderSchema.safeParse(JSON.parse(firstLine)).success
 */
export const CaseHeaderSchema = HeaderFieldsSchema.extend({
  accounts: z.array(AccountSchema).default([]),
  victims: z.array(VictimSchema),
})

/**
 * A whole `fundtrace/case@1` JSON file as written (before domain checks).
 *
 * @example
 * CaseFileSchema.safeParse(JSON.parse(text)).success
 */
export const CaseFileSchema = CaseHeaderSchema.extend({
  transfers: z.array(TransferSchema),
})

/**
 * A transfer as the schema outputs it (ids NFC, amount and time still raw).
 *
 * @example
 * const t: RawTransfer = TransferSchema.parse(JSON.parse(line))
 */
export type RawTransfer = z.output<typeof TransferSchema>
/**
 * An account as the schema outputs it.
 *
 * @example
 * const a: RawAccount = AccountSchema.parse({ id: 'A' }) // { id: 'A', holderType: 'individual', kind: 'bank' }
 */
export type RawAccount = z.output<typeof AccountSchema>
/**
 * A victim as the schema outputs it.
 *
 * @example
 * const v: RawVictim = VictimSchema.parse({ id: 'V1', accounts: ['A'], transfers: ['T1'] })
 */
export type RawVictim = z.output<typeof VictimSchema>
/**
 * The scalar header fields as the schema outputs them.
 *
 * @example
 * const h: RawHeaderFields = HeaderFieldsSchema.parse(header)
 */
export type RawHeaderFields = z.output<typeof HeaderFieldsSchema>

/**
 * Names of the top-level fields of a case file; any other top-level key must start with `x-`.
 *
 * @example
 * CASE_FILE_KEYS.has('transfers') //=> true
 */
export const CASE_FILE_KEYS: ReadonlySet<string> = new Set([...Object.keys(CaseHeaderSchema.shape), 'transfers'])
