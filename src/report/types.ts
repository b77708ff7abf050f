/** The `fundtrace/report@1` JSON shape: amounts are decimal strings, times ISO 8601 in the case timezone. */
import type { AccountKind, CaseType } from '../case/types.js'
import type { Warning } from '../errors/index.js'

export const REPORT_FORMAT = 'fundtrace/report@1'

export const METHODS = ['fifo', 'lifo', 'pro_rata', 'victim_last'] as const
export type Method = (typeof METHODS)[number]

export type Severity = 'below_threshold' | 'large' | 'huge' | 'especially_huge'

export type ActionKind = 'stop_payment' | 'escalate_platform' | 'delay_credit' | 'return_to_origin' | 'reverse_transaction'
export type Hold = 'long_term' | '5d'

export interface ReportVictim {
  readonly id: string
  readonly name?: string
  readonly loss: string
  readonly held: string
  readonly exited: string
  readonly returned: string
  readonly beyond: string
  readonly severity: Severity
}

export interface ReportAccount {
  readonly id: string
  readonly level: number
  /** Level per victim (fewest hops that victim's money took), keyed by victim id. */
  readonly levels: Readonly<Record<string, number>>
  readonly kind: AccountKind
  readonly institution?: string
  readonly branch?: string
  readonly holder?: string
  /** Victim money received, keyed by victim id (sorted). */
  readonly received: Readonly<Record<string, string>>
  /** Victim money still held at asOf (including pending, not yet credited), keyed by victim id. */
  readonly held: Readonly<Record<string, string>>
  readonly heldTotal: string
  /** Part of heldTotal that sits in pending (not yet credited) transfers. */
  readonly pendingTotal: string
  readonly pending: boolean
  readonly firstArrival: string
  readonly lastArrival: string
  readonly statementThrough?: string
}

/** One amount per method, with the undisputed minimum and the maximum. */
export interface ReportMethodAmounts {
  readonly fifo: string
  readonly lifo: string
  readonly pro_rata: string
  readonly victim_last: string
  readonly min: string
  readonly max: string
}

/** With `--method all`: what each method says, side by side. */
export interface ReportMethods {
  /** The method whose balance sheets, accounts and queries fill the rest of the report. */
  readonly base: Method
  readonly compared: readonly Method[]
  /** Per victim, per method: held / exited / returned / beyond. */
  readonly victims: Readonly<Record<string, Readonly<Record<Method, { readonly held: string; readonly exited: string; readonly returned: string; readonly beyond: string }>>>>
  /** Every account any method reached: held per victim under each method, and in total. */
  readonly accounts: readonly { readonly id: string; readonly level: number; readonly held: Readonly<Record<string, ReportMethodAmounts>>; readonly total: ReportMethodAmounts }[]
}

export interface ReportAction {
  readonly rank: number
  readonly kind: ActionKind
  readonly account: string
  readonly hold?: Hold
  readonly amount: string
  readonly level: number
  readonly funded: boolean
  /** For delay_credit / return_to_origin / reverse_transaction: the transfer acted on. */
  readonly transfer?: string
  readonly remark?: string
  readonly reason: string
  /** With `--method all`: the amount under each method; `amount` is then the undisputed minimum. */
  readonly byMethod?: ReportMethodAmounts
  readonly fundedBy?: readonly Method[]
  readonly robustness?: 'robust' | 'method_dependent' | 'unfunded'
}

export interface ReportQuery {
  readonly account: string
  readonly institution?: string
  readonly branch?: string
  readonly from: string
  readonly to: string
  readonly reason: string
}

export interface EvidenceStep {
  readonly transfer: string
  readonly from: string
  readonly to: string
  readonly time: string
  /** This victim's money that this step carried along the chain. */
  readonly amount: string
}

export interface EvidenceChain {
  readonly victim: string
  /** Amount of the victim's money held at the end of this chain. */
  readonly amount: string
  readonly pending: boolean
  readonly steps: readonly EvidenceStep[]
}

/** One transfer that carried victim money, with the amount of each victim's money it carried. */
export interface ReportFlow {
  readonly transfer: string
  readonly from: string
  readonly to: string
  readonly time: string
  readonly pending: boolean
  /** Victim money carried, keyed by victim id (sorted). */
  readonly carried: Readonly<Record<string, string>>
}

export interface Report {
  readonly format: typeof REPORT_FORMAT
  readonly caseId: string
  readonly caseType: CaseType
  readonly currency: string
  /** The allocation rule used; `all` when the four methods were compared (see `methods`). */
  readonly method: Method | 'all'
  readonly options: { readonly maxLevel: number | null; readonly asOf: string | null }
  readonly victims: readonly ReportVictim[]
  readonly accounts: readonly ReportAccount[]
  readonly actions: readonly ReportAction[]
  readonly nextQueries: readonly ReportQuery[]
  readonly warnings: readonly Warning[]
  /** Present when requested: evidence chains per funded account id. */
  readonly evidence?: Readonly<Record<string, readonly EvidenceChain[]>>
  /** Present when requested: every transfer that carried victim money, in (time, id) order. */
  readonly flows?: readonly ReportFlow[]
  /** Present with `--method all`. */
  readonly methods?: ReportMethods
}
