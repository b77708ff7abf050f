/**
 * Small pieces every way of building a ledger shares: the account interner and the empty
 * per-transfer columns.
 *
 * @module ledger/_columns
 */

/**
 * A function giving an account id its index, appending ids it has not seen to `accountIds`.
 *
 * @example
 * const ids: string[] = []; const intern = interner(ids, new Map())
 * intern('A') //=> 0; intern('B') //=> 1; intern('A') //=> 0
 */
export function interner(accountIds: string[], accountIndex: Map<string, number>): (id: string) => number {
  return (id) => {
    let i = accountIndex.get(id)
    if (i === undefined) {
      i = accountIds.length
      accountIds.push(id)
      accountIndex.set(id, i)
    }
    return i
  }
}

/**
 * The per-transfer columns of a ledger of `n` transfers, zeroed.
 *
 * @example
 * ledgerColumns(2).fraudOf //=> Int32Array [0, 0]
 */
export function ledgerColumns(n: number) {
  return {
    from: new Int32Array(n),
    to: new Int32Array(n),
    time: new Float64Array(n),
    amount: new Float64Array(n),
    pending: new Uint8Array(n),
    fraudOf: new Int32Array(n),
  }
}
