import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toHtml } from '../../../src/io/render/html.js'
import { toSvg } from '../../../src/io/render/svg.js'
import { demoCase, demoReport } from './_demo.js'
import { ARTIFACTS, browserEnabled, openInChromium } from './_chromium.js'


describe.skipIf(!browserEnabled)('HTML report in headless Chromium', () => {
  const caseFile = demoCase()
  const report = demoReport()
  let browser: Browser
  let page: Page
  let requests: string[] = []
  let consoleErrors: string[] = []
  const htmlPath = join(ARTIFACTS, 'demo-report.html')

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true })
    const svg = await toSvg(report)
    writeFileSync(htmlPath, toHtml(report, { caseFile, svg, version: '0.1.0' }))
    writeFileSync(join(ARTIFACTS, 'demo-report-masked.html'), toHtml(report, { caseFile, svg: await toSvg(report, { mask: true }), mask: true, version: '0.1.0' }))
    ;({ browser, page, requests, consoleErrors } = await openInChromium(htmlPath))
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('shows the first-ranked action with its account and amount', async () => {
    const first = page.locator('#actions tr[data-rank="1"]')
    expect(await first.isVisible()).toBe(true)
    const action = report.actions[0]!
    expect(await first.locator('td.account').innerText()).toContain(action.account)
    expect(await first.locator('td.amount').innerText()).toBe('46,520.00')
    expect(await first.locator('input[type="checkbox"]').isVisible()).toBe(true)
    expect(await page.locator('#actions tr[data-rank]').count()).toBe(report.actions.length)
  })

  it("shows each victim's loss", async () => {
    const expected: Record<string, string> = { V1: '80,000.00', V2: '120,000.00' }
    for (const v of report.victims) {
      const cell = page.locator(`#victims tr[data-victim="${v.id}"] td[data-field="loss"]`)
      expect(await cell.isVisible()).toBe(true)
      expect(await cell.innerText()).toBe(expected[v.id])
    }
  })

  it('draws the SVG diagram, non-empty and within the page width', async () => {
    const svg = page.locator('#diagram svg')
    expect(await svg.count()).toBe(1)
    const box = (await svg.boundingBox())!
    expect(box.width).toBeGreaterThan(600)
    expect(box.height).toBeGreaterThan(150)
    expect(box.x + box.width).toBeLessThanOrEqual(1280)
    expect(await page.locator('#diagram svg g.node').count()).toBeGreaterThan(10)
    expect(await page.locator('#diagram svg g.edge').count()).toBeGreaterThanOrEqual(report.flows!.length)
    expect(await page.locator('#diagram svg').innerHTML()).toContain('46,520.00')
  })

  it('makes no network request and logs no error', () => {
    const external = requests.filter((url) => !url.startsWith('file:') && !url.startsWith('data:'))
    expect(external).toEqual([])
    expect(consoleErrors).toEqual([])
  })

  it('saves a PNG screenshot and an A4 PDF print', async () => {
    const png = join(ARTIFACTS, 'demo-report.png')
    const pdf = join(ARTIFACTS, 'demo-report.pdf')
    await page.screenshot({ path: png, fullPage: true })
    await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true })
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG')
    const bytes = readFileSync(pdf)
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
    expect(statSync(pdf).size).toBeGreaterThan(10_000)
    const pages = bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []
    expect(pages.length).toBeGreaterThanOrEqual(2)
    // The diagram prints on its own landscape page (A4 = 595 × 842 pt).
    expect(bytes.toString('latin1')).toMatch(/\/MediaBox\s*\[\s*0 0 841\.\d+ 59[45]\.\d+\s*\]/)
  })

  it('the masked variant shows no account number or name', async () => {
    const masked = await browser.newPage()
    masked.on('request', (request) => requests.push(request.url()))
    await masked.goto(pathToFileURL(join(ARTIFACTS, 'demo-report-masked.html')).href)
    const text = await masked.locator('body').innerText()
    const svgText = await masked.locator('#diagram svg').textContent()
    for (const a of report.accounts) { expect(text).not.toContain(a.id); expect(svgText).not.toContain(a.id) }
    for (const name of ['王芳', '刘洋', '李强', '张伟']) expect(text + svgText).not.toContain(name)
    expect(await masked.locator('#actions tr[data-rank="1"] td.account').innerText()).toContain('6222 **** **** 4321')
    await masked.close()
  })
})
