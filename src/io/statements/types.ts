/**
 * Public types of the bank-statement importers (明细查询 → transfers).
 *
 * A statement lists the movements of one account (its "own" account); every row becomes one
 * {@link Transfer} seen from that account, unless the row is invalid or is not a transfer (then
 * it is reported in `invalid` or `skipped`). Rows are numbered as in the file: the first record
 * of the file is row 1, so with the header on the first line the first data row is row 2.
 *
 * @module io/statements/types
 */
import type { AccountKind, Transfer } from '../../case/types.js'
import type { IssueCode, Warning } from '../../errors/index.js'

/** Text encoding of a statement file. `auto`: UTF-8 (BOM or valid UTF-8), UTF-16 with a BOM, else GBK. */
export type StatementEncoding = 'utf-8' | 'gbk' | 'auto'

/** The encoding a statement was actually decoded with. */
export type DecodedEncoding = 'utf-8' | 'gbk' | 'utf-16le' | 'utf-16be'

/** Direction of a movement, seen from the statement's own account: `out` = 出/借 (debit), `in` = 进/贷 (credit). */
export type Direction = 'in' | 'out'

/** One column name, or several accepted names in order of preference (the first non-empty cell wins). */
export type Columns = string | readonly string[]

/**
 * Which header names hold which field, for {@link importStatementCsv}. Either `account` (+
 * `counterparty` + `direction`/`outAmount`/`inAmount` or a signed `amount`) for a statement of
 * one account, or `from` + `to` for a plain list of transfers. Every mapped column must exist.
 */
export interface ColumnMapping {
  /** The statement's own account (card number). May be replaced by the `account` option. */
  readonly account?: Columns
  /** Another number of the own account (e.g. 交易账号 next to 交易卡号); reported as an alias hint. */
  readonly accountAlias?: Columns
  /** Sender, for a plain list of transfers (with `to`; no direction needed). */
  readonly from?: Columns
  /** Receiver, for a plain list of transfers (with `from`). */
  readonly to?: Columns
  /** The other side of each movement (交易对手账卡号). */
  readonly counterparty?: Columns
  /** 收付标志 / 借贷标志: values such as 进/出, 借/贷, 收/支, in/out, D/C (see {@link DIRECTION_VALUES}). */
  readonly direction?: Columns
  /** The amount; may carry a sign, which gives the direction when no direction column is filled. */
  readonly amount?: Columns
  /** Debit amount (支出金额 / 借方发生额), instead of `amount` + `direction`. */
  readonly outAmount?: Columns
  /** Credit amount (收入金额 / 贷方发生额), instead of `amount` + `direction`. */
  readonly inAmount?: Columns
  /** Time of the movement; a full date-time, or a time of day when `date` is mapped. */
  readonly time: Columns
  /** Date of the movement, when the time of day is in a separate column. */
  readonly date?: Columns
  /** Balance of the own account after the movement (交易余额). */
  readonly balance?: Columns
  /** Bank serial number (交易流水号); becomes the transfer id. */
  readonly serial?: Columns
  /** Holder of the own account (账户开户名称). */
  readonly holder?: Columns
  /** Holder of the counterparty account (交易对手户名). */
  readonly counterpartyName?: Columns
  /** Opening bank of the counterparty account (交易对手账号开户行). */
  readonly counterpartyInstitution?: Columns
  /** Channel: one of the case channels, or Chinese text such as 手机银行 / ATM / 柜面. */
  readonly channel?: Columns
  /** `posted` / `pending`. */
  readonly status?: Columns
  /** Summary / purpose (摘要说明); also used to infer the channel and cash movements. */
  readonly summary?: Columns
  /** Branch where the movement happened (交易网点名称). */
  readonly branch?: Columns
  /** IP address of an online movement. */
  readonly ip?: Columns
  /** MAC address of an online movement. */
  readonly mac?: Columns
  /** Currency (币种); rows in another currency than the import's are skipped. */
  readonly currency?: Columns
  /** Success flag (交易是否成功); failed rows are skipped. */
  readonly success?: Columns
  /** Cash flag (现金标志: 现金/转账). */
  readonly cashFlag?: Columns
}

/** Options shared by every statement importer. */
export interface StatementOptions {
  /** Default `auto`. */
  readonly encoding?: StatementEncoding
  /** IANA zone of times written without offset. Default `Asia/Shanghai`. */
  readonly timezone?: string
  /** ISO 4217 currency of the amounts. Default `CNY`. */
  readonly currency?: string
  /** Field delimiter. Default: `,`, or a tab when the header line has more tabs than commas. */
  readonly delimiter?: string
  /** The statement's own account when the file has no account column (or a row leaves it empty). */
  readonly account?: string
  /**
   * Account id standing for cash. Rows without a counterparty that are cash movements (现金标志
   * 现金, or a summary such as 取现/ATM取款/现金存入) become transfers to or from it, with an
   * account hint of kind `cash`. Absent (default): such rows are skipped with reason `cash`.
   */
  readonly cashAccount?: string
  /** More direction values, e.g. `{ '1': 'out', '2': 'in' }`; keys compared after trimming. */
  readonly directionValues?: Readonly<Record<string, Direction>>
  /** Throw a {@link FundtraceError} naming every invalid row instead of returning them. Default false. */
  readonly strict?: boolean
  /** How many leading records may precede the header (titles, query notes). Default 20. */
  readonly maxHeaderSearch?: number
}

/**
 * What is known of an account from one statement row. Counterparty hints come one per row that
 * says something about the counterparty; an own-account hint comes at the first row that says
 * something new about the own account (holder, alias).
 */
export interface AccountHint {
  readonly id: string
  /** `own`: the statement's account; `counterparty`: the other side of a movement. */
  readonly role: 'own' | 'counterparty'
  /** File row the hint comes from. */
  readonly row: number
  readonly holder?: string
  /** Institution code when the bank or platform is recognised (`ICBC`, `BOC`, `ALIPAY`…), else the bank's name as written. */
  readonly institution?: string
  /** The opening bank / branch exactly as written (交易对手账号开户行). */
  readonly branch?: string
  /** Only when recognisable: `payment_platform` (支付宝, 财付通…) or `cash` (the cash account). */
  readonly kind?: AccountKind
  /** Other numbers of the same account (交易账号 next to 交易卡号). */
  readonly aliases?: readonly string[]
}

/** The statement side of one imported transfer: `lines[i]` describes `transfers[i]`. */
export interface StatementLine {
  /** File row. */
  readonly row: number
  /** Id of the transfer. */
  readonly transfer: string
  /** The statement's own account. */
  readonly account: string
  readonly counterparty: string
  readonly direction: Direction
  /** Balance of the own account after this movement, minor units, when the file has one. */
  readonly balance?: bigint
  readonly summary?: string
  readonly branch?: string
  readonly ip?: string
  readonly mac?: string
}

/** A row that could not be read. `column` names the offending header as written in the file. */
export interface InvalidRow {
  readonly row: number
  readonly column?: string
  readonly code: IssueCode
  readonly message: string
}

/** Why a readable row is not a transfer. */
export type SkipReason =
  | 'blank_row'
  | 'summary_row'
  | 'zero_amount'
  | 'failed'
  | 'other_currency'
  | 'self_transfer'
  | 'cash'
  | 'no_counterparty'

/** A row that is not a transfer (each one is reported, none silently dropped). */
export interface SkippedRow {
  readonly row: number
  readonly reason: SkipReason
  readonly message: string
  readonly column?: string
}

/** A warning about a statement: `row` is the row it is about, `rows` every row it names. */
export interface StatementWarning extends Warning {
  readonly row?: number
  readonly rows?: readonly number[]
  readonly column?: string
  /** For `balance_gap`: the unexplained amount (balance found − balance expected), minor units. */
  readonly amount?: bigint
  /** For `balance_gap`: the own account whose balances do not chain. */
  readonly account?: string
}

/**
 * The result of importing one statement. Always
 * `rows === transfers.length + invalid.length + skipped.length`.
 */
export interface StatementImport {
  readonly transfers: Transfer[]
  /** `lines[i]` is the statement side of `transfers[i]` (row, direction, balance…). */
  readonly lines: StatementLine[]
  /** Per-row metadata of the own and counterparty accounts. */
  readonly accounts: AccountHint[]
  /** Data records after the header. */
  readonly rows: number
  readonly invalid: InvalidRow[]
  readonly skipped: SkippedRow[]
  readonly warnings: StatementWarning[]
  /**
   * Balance of the own account before its first movement, inferred from the balance column
   * (balance after the first movement ∓ its amount). Set when the file has exactly one own account
   * with balances; see `openingBalances` for several.
   */
  readonly openingBalance?: bigint
  /** Opening balance per own account, for every own account whose rows carry balances. */
  readonly openingBalances: Readonly<Record<string, bigint>>
  /** The encoding the bytes were decoded with. */
  readonly encoding: DecodedEncoding
  /** File row of the header. */
  readonly headerRow: number
}

/** A movement as the balance check sees it (transfers and non-transfer movements alike). */
export interface Movement {
  readonly row: number
  readonly account: string
  readonly time: number
  readonly direction: Direction
  /** Minor units, ≥ 0. */
  readonly amount: bigint
  readonly balance?: bigint
}
