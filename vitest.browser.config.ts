import { defineConfig } from 'vitest/config'

/**
 * Browser tests (`npm run test:browser`): render the HTML report and check it in headless
 * Chromium (`/usr/bin/chromium`, Debian package `chromium`, plus a CJK font such as
 * `fonts-wqy-microhei` or `fonts-noto-cjk` for readable screenshots). Kept out of the default run:
 * their files end in `.browser.test.ts` and skip themselves unless FUNDTRACE_BROWSER is set.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.browser.test.ts'],
    env: { FUNDTRACE_BROWSER: '1' },
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
})
