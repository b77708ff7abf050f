/**
 * Internal text helpers of the renderers: exact grouping of decimal amounts, short times and
 * level names, and the escaping rules of each output language.
 */

/**
 * Groups the whole part of a decimal amount string with commas, exactly (string operations, no
 * floats). Text that is not a plain decimal is returned unchanged.
 *
 * @example
 * groupAmount('1234567.50') //=> '1,234,567.50'
 */
export function groupAmount(text: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(text)
  if (!m) return text
  return `${m[1]}${m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}`
}

/**
 * An amount string as exact minor units (the digits without the dot), or `undefined`.
 *
 * @example
 * toMinor('120.50') //=> 12050n
 */
export function toMinor(text: string): bigint | undefined {
  return /^-?\d+(\.\d+)?$/.test(text) ? BigInt(text.replace('.', '')) : undefined
}

/**
 * Whether a decimal amount string is greater than zero.
 *
 * @example
 * isPositive('0.00') //=> false
 */
export function isPositive(text: string | undefined): boolean {
  if (text === undefined) return false
  const minor = toMinor(text)
  return minor !== undefined && minor > 0n
}

/**
 * Formats minor units with the digits of a reference amount string (same currency), grouped.
 *
 * @example
 * formatMinorLike(1234567n, '0.00') //=> '12,345.67'
 */
export function formatMinorLike(minor: bigint, like: string): string {
  const digits = like.includes('.') ? like.length - like.indexOf('.') - 1 : 0
  const negative = minor < 0n
  const body = (negative ? -minor : minor).toString().padStart(digits + 1, '0')
  const whole = body.slice(0, body.length - digits)
  const plain = digits === 0 ? whole : `${whole}.${body.slice(body.length - digits)}`
  return groupAmount(negative ? `-${plain}` : plain)
}

/**
 * Time of an ISO 8601 string as written in the report (`2026-03-14T10:02:11+08:00`): `10:02:11`
 * when `withDate` is false, else `03-14 10:02`.
 *
 * @example
 * shortTime('2026-03-14T10:02:11+08:00', false) //=> '10:02:11'
 */
export function shortTime(iso: string, withDate: boolean): string {
  const m = /^\d{4}-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(iso)
  if (!m) return iso
  return withDate ? `${m[1]}-${m[2]} ${m[3]}:${m[4]}` : `${m[3]}:${m[4]}:${m[5]}`
}

/**
 * A readable ISO time: `2026-03-14 10:02:11 +08:00`.
 *
 * @example
 * readableTime('2026-03-14T10:02:11+08:00') //=> '2026-03-14 10:02:11 +08:00'
 */
export function readableTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:\d{2})?$/.exec(iso)
  return m ? `${m[1]} ${m[2]}${m[3] ? ` ${m[3]}` : ''}` : iso
}

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十']

/**
 * Chinese name of a trace level: 一级, 二级 … 十级, then `11级`; level 0 is the victims.
 *
 * @example
 * levelName(2) //=> '二级'
 */
export function levelName(level: number): string {
  if (level === 0) return '受害人'
  return level <= 10 ? `${CN_DIGITS[level]}级` : `${level}级`
}

/** Control characters (C0, DEL, C1) and line/paragraph separators: rendered as a space in every format. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g

/**
 * Escapes text for a DOT double-quoted string: backslashes, quotes, control characters, and `&`
 * (Graphviz decodes HTML entities in labels). Lines are joined by `\n` (centred).
 *
 * @example
 * dotString(['a "b"', 'c\\d']) //=> '"a \\"b\\"\\nc\\\\d"'
 */
export function dotString(lines: readonly string[]): string {
  return `"${lines.map((line) => line.replace(CONTROL, ' ').replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/&/g, '&amp;')).join('\\n')}"`
}

/**
 * Escapes text for a Mermaid quoted label with Mermaid's entity codes (`#quot;`, `#35;`, `#92;`
 * for a backslash — with a zero-width space before a following `n`, which Mermaid would otherwise
 * turn into a line break …), lines joined by `<br/>`.
 *
 * @example
 * mermaidString(['say "hi"', '#1']) //=> '"say #quot;hi#quot;<br/>#35;1"'
 */
export function mermaidString(lines: readonly string[]): string {
  const escape = (line: string) =>
    line.replace(CONTROL, ' ').replace(/[#"<>&`|]|\\(n?)/g, (ch, n: string | undefined) =>
      ch === '"' ? '#quot;' : ch.startsWith('\\') ? (n ? '#92;#8203;n' : '#92;') : `#${ch.codePointAt(0)};`)
  return `"${lines.map(escape).join('<br/>')}"`
}

/**
 * Escapes text for HTML element content and double-quoted attribute values.
 *
 * @example
 * escapeHtml('<b title="x">&</b>') //=> '&lt;b title=&quot;x&quot;&gt;&amp;&lt;/b&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(CONTROL, (ch) => (ch === '\n' || ch === '\t' ? ch : ' ')).replace(/[&<>"']/g, (ch) =>
    ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '"' ? '&quot;' : '&#39;')
}
