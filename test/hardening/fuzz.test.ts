/**
 * Issue 7 — fuzzing. A fixed-seed run of every target in `_fuzz-properties.ts` (5,000 cases in
 * all by default; `FUZZ_RUNS`, `FUZZ_SEED`, `FUZZ_BUDGET_MS` override). Long runs:
 * `npm run fuzz -- --runs 100000 --seed 42` (scripts/fuzz.mjs, same properties).
 */
import fc from 'fast-check'
import { describe, it } from 'vitest'
import { TARGETS, fuzzProperty, fuzzSettings, runsPerTarget, targetSeed } from './_fuzz-properties.js'

const settings = fuzzSettings()
const runs = runsPerTarget(settings.runs)

describe(`fuzzing: ${settings.runs} cases, seed ${settings.seed} (only a correct result or a FundtraceError)`, () => {
  for (const target of TARGETS) {
    const numRuns = runs.get(target.name) ?? 0
    it.skipIf(numRuns === 0)(`${target.name}: ${numRuns} cases`, async () => {
      const tally = new Map<string, number>()
      await fc.assert(fuzzProperty(target, settings.budgetMs, tally), {
        numRuns,
        seed: targetSeed(settings.seed, target.name),
        endOnFailure: false,
      })
    }, 600_000)
  }
})
