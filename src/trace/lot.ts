/** Origin number of money that carries no victim's money (opening balances, ordinary inflows). */
export const OTHER = -1

/**
 * A lot: an amount of one origin's money sitting in one pool, with where it came from.
 * `parent` links to the lot it was split from in the sender's pool, so the chain of transfers
 * that brought it is known exactly (the evidence behind a stop).
 */
export interface Lot {
  readonly origin: number
  amount: bigint
  /** Ledger position of the transfer that delivered it; -1 for money already there. */
  readonly via: number
  readonly parent: Lot | null
  /** Hops from the victim: 1 = delivered by the victim's fraudulent transfer. */
  readonly depth: number
}

/** A part of a lot taken by an outgoing transfer. */
export interface Piece {
  readonly source: Lot
  readonly amount: bigint
}

/**
 * Makes a lot of money that belongs to no victim.
 *
 * @example
 * otherLot(100n) //=> { origin: -1, amount: 100n, via: -1, parent: null, depth: 0 }
 */
export function otherLot(amount: bigint, via = -1): Lot {
  return { origin: OTHER, amount, via, parent: null, depth: 0 }
}
