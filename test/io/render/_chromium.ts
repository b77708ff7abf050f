import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import { ROOT } from './_demo.js'

/** Browser tests run only under vitest.browser.config.ts (`npm run test:browser`), which sets FUNDTRACE_BROWSER. */
export const browserEnabled = process.env.FUNDTRACE_BROWSER === '1'
export const ARTIFACTS = join(ROOT, 'test-artifacts')
const CHROMIUM = process.env.FUNDTRACE_CHROMIUM ?? '/usr/bin/chromium'

/** A page of Debian's headless Chromium showing a local file, with every request and console error it made. */
export interface OpenedPage {
  readonly browser: Browser
  readonly page: Page
  readonly requests: string[]
  readonly consoleErrors: string[]
}

/**
 * Opens `htmlPath` in headless Chromium (no network of its own: background networking off) and
 * records the page's requests and console errors.
 *
 * @example
 * const { browser, page, requests } = await openInChromium('test-artifacts/demo-report.html')
 */
export async function openInChromium(htmlPath: string): Promise<OpenedPage> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  })
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  const requests: string[] = []
  const consoleErrors: string[] = []
  page.on('request', (request) => requests.push(request.url()))
  page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()) })
  await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' })
  return { browser, page, requests, consoleErrors }
}
