/** Parsed `fundtrace/case@1`: exact amounts (`bigint` minor units) and epoch-millisecond times. */

export const CASE_FORMAT = 'fundtrace/case@1'

export const CASE_TYPES = ['telecom_fraud', 'online_banking_theft', 'trade_dispute'] as const
export type CaseType = (typeof CASE_TYPES)[number]

export const ACCOUNT_KINDS = ['bank', 'payment_platform', 'pos_merchant', 'cash', 'external'] as const
/** `cash` and `external` are sinks: money reaching them has exited the traceable system. */
export type AccountKind = (typeof ACCOUNT_KINDS)[number]

export const HOLDER_TYPES = ['individual', 'organisation'] as const
export type HolderType = (typeof HOLDER_TYPES)[number]

export const TRANSFER_STATUSES = ['posted', 'pending'] as const
export type TransferStatus = (typeof TRANSFER_STATUSES)[number]

export const CHANNELS = ['counter', 'atm', 'online_banking', 'mobile', 'pos', 'third_party', 'cross_border_in', 'other'] as const
export type Channel = (typeof CHANNELS)[number]

/** Metadata of one account. Accounts that only appear in transfers are `bank` accounts of unknown institution. */
export interface Account {
  readonly id: string
  readonly holder?: string
  readonly holderType?: HolderType
  readonly institution?: string
  readonly branch?: string
  readonly kind: AccountKind
  /** Money in the account before its first listed transfer, minor units (default 0). */
  readonly openingBalance: bigint
  /** Epoch ms up to which this account's outgoing transfers are known complete; absent = not yet queried. */
  readonly statementThrough?: number
}

export interface Victim {
  readonly id: string
  readonly name?: string
  readonly holderType: HolderType
  readonly accounts: readonly string[]
  /** Ids of the fraudulent transfers out of the victim's accounts; their sum is the loss. */
  readonly transfers: readonly string[]
}

export interface Transfer {
  readonly id: string
  readonly from: string
  readonly to: string
  /** Minor units, > 0. */
  readonly amount: bigint
  /** Epoch milliseconds. */
  readonly time: number
  readonly status: TransferStatus
  readonly channel?: Channel
  readonly serial?: string
}

export interface Case {
  readonly format: typeof CASE_FORMAT
  readonly caseId: string
  readonly caseType: CaseType
  /** ISO 4217 code with known minor digits (see `currencyDigits`). */
  readonly currency: string
  /** IANA timezone; times without offset are read in it and reports are written in it. */
  readonly timezone: string
  readonly reportedAt?: number
  /** Transfers after this instant (epoch ms, inclusive) are ignored. Absent: every transfer counts. */
  readonly asOf?: number
  readonly accounts: readonly Account[]
  readonly victims: readonly Victim[]
  readonly transfers: readonly Transfer[]
}
