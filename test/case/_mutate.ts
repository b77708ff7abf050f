/** Mutated raw cases and transfers for the parser's and readers' property tests. */
import fc from 'fast-check'
import { rawCaseArb, validRaw, type Json } from './_raw.js'

/** Every path (keys and indices) to a value inside `value`. */
function pathsOf(value: Json, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [prefix]
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])))
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]))
  return out
}

type Mutation = { kind: 'replace'; value: Json } | { kind: 'delete' } | { kind: 'duplicate' }

/** A deep copy of `root` with one mutation at `path`. */
function mutate(root: Json, path: Array<string | number>, mutation: Mutation): Json {
  const copy = structuredClone(root)
  if (path.length === 0) return mutation.kind === 'replace' ? mutation.value : copy
  let parent: Json = copy
  for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[key] as Json
  const last = path[path.length - 1]!
  const container = parent as Record<string | number, Json> & Json[]
  if (mutation.kind === 'replace') container[last] = mutation.value
  else if (Array.isArray(container) && typeof last === 'number') {
    if (mutation.kind === 'delete') container.splice(last, 1)
    else container.splice(last, 0, structuredClone(container[last]) as Json)
  } else if (mutation.kind === 'delete') delete container[last]
  else container[`${String(last)}_copy`] = structuredClone(container[last]) as Json
  return copy
}

const interesting: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  fc.constantFrom<Json>('', ' ', 'T1', 'T2', 'V1', '__proto__', 'constructor', '1.001', '-1', '0', '1e5', '2026-03-14', '2026-03-14T10:00', 'e\u0301', 'x\u0000', 5, 0, -0.5, 2 ** 60, null, true, [], {}),
)

/** Valid raw cases with one to three random mutations (replace, delete, duplicate a value anywhere). */
export const mutatedCaseArb = fc.tuple(fc.oneof(rawCaseArb, fc.constant(validRaw())), fc.nat(), fc.oneof(
  interesting.map((value): Mutation => ({ kind: 'replace', value })),
  fc.constant<Mutation>({ kind: 'delete' }),
  fc.constant<Mutation>({ kind: 'duplicate' }),
), fc.integer({ min: 1, max: 3 })).map(([raw, pick, mutation, times]) => {
  let value: Json = raw
  for (let n = 0; n < times; n++) {
    const paths = pathsOf(value)
    value = mutate(value, paths[(pick * (n + 1)) % paths.length]!, mutation)
  }
  return value
})

/** Raw transfers near the edges of validity: hostile ids, odd amounts and times, unknown fields. */
export const rawTransferArb: fc.Arbitrary<unknown> = fc.tuple(
  fc.record({
    id: fc.constantFrom<Json>('T1', ' T1', '', 'e\u0301', 'x'.repeat(257), 'A', 5),
    from: fc.constantFrom<Json>('A', 'B', 'A ', 'Jose\u0301', 'Jos\u00e9', null),
    to: fc.constantFrom<Json>('B', 'A', 'Jos\u00e9', 'C\t'),
    amount: fc.constantFrom<Json>('1', '1.00', '1.5', '1.001', '0', '0.00', '-1', 5, 0, 0.5, '1e3', true, '99999999999999999', '10000000000000.00', '10000000000000.01', 2 ** 53),
    time: fc.constantFrom<Json>('2026-03-14T10:00:00+08:00', '2026-03-14T10:00:00Z', '2026-03-14T10:00', '2026-02-30T10:00:00Z', '2026-03-14T10:00:00+24:00', '0099-03-14T10:00:00Z', 5),
    status: fc.constantFrom<Json | undefined>(undefined, 'posted', 'pending', 'done'),
    channel: fc.constantFrom<Json | undefined>(undefined, 'atm', 'pigeon', 3),
    serial: fc.constantFrom<Json | undefined>(undefined, 'S1', '', 'x'.repeat(257)),
  }),
  fc.constantFrom<Record<string, Json>>({}, { note: 'x' }),
).map(([fields, extra]) => {
  const out: Record<string, unknown> = { ...extra }
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = v
  return out
})
