import type { Account, AccountKind, Case, HolderType, Transfer } from '../case/types.js'
import type { Warning } from '../errors/index.js'
import type { Method } from '../report/types.js'

/** Options of {@link trace}. */
export interface TraceOptions {
  /** Allocation rule for outgoing transfers (default `fifo`). */
  readonly method?: Method
  /** Money that would reach an account at a level above this is counted `beyond` (default unlimited). */
  readonly maxLevel?: number | null
  /** Epoch ms; transfers after it are ignored (default: the case's `asOf`, else every transfer). */
  readonly asOf?: number | null
}

/** Per victim, exactly: `loss = held + exited + returned + beyond`. */
export interface VictimSheet {
  readonly id: string
  readonly name?: string
  readonly holderType: HolderType
  readonly loss: bigint
  readonly held: bigint
  readonly exited: bigint
  readonly returned: bigint
  readonly beyond: bigint
}

/** An account the victims' money reached. Maps are keyed by victim id, in id order. */
export interface AccountTrace {
  readonly id: string
  readonly kind: AccountKind
  readonly meta?: Account
  /** Fewest hops any victim's money took to reach it. */
  readonly level: number
  readonly levels: ReadonlyMap<string, number>
  readonly received: ReadonlyMap<string, bigint>
  /** Victim money here at asOf, including money in pending transfers not yet credited. */
  readonly held: ReadonlyMap<string, bigint>
  readonly heldTotal: bigint
  readonly pendingTotal: bigint
  readonly firstArrival: number
  readonly lastArrival: number
}

/** A transfer that carried victim money and how much of each victim's. */
export interface Flow {
  readonly transfer: Transfer
  readonly carried: ReadonlyMap<string, bigint>
}

/** Victim money sitting in a pending (not yet credited) transfer at its receiver. */
export interface InFlight {
  readonly transfer: Transfer
  readonly account: string
  readonly amount: bigint
  readonly byVictim: ReadonlyMap<string, bigint>
  readonly level: number
}

/** A victim's counter transfer whose money still sits, untouched, in the receiving account. */
export interface Reversible {
  readonly transfer: Transfer
  readonly account: string
  readonly victim: string
  readonly amount: bigint
}

export interface TraceResult {
  readonly case: Case
  readonly method: Method
  readonly maxLevel: number | null
  readonly asOf: number | null
  readonly victims: readonly VictimSheet[]
  /** Involved accounts (not victims' own), by level then id. */
  readonly accounts: readonly AccountTrace[]
  /** Transfers that carried victim money, in (time, id) order. */
  readonly flows: readonly Flow[]
  readonly inFlight: readonly InFlight[]
  readonly reversible: readonly Reversible[]
  readonly warnings: readonly Warning[]
}
