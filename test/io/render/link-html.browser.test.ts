import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { linkHtmlChunks } from '../../../src/io/render/link-html.js'
import { linkCases, toLinkReport } from '../../../src/link/index.js'
import { trace } from '../../../src/trace/index.js'
import { at, makeCase, yuan } from '../../_case.js'
import { ARTIFACTS, browserEnabled, openInChromium } from './_chromium.js'

const MULE = '6222020200004321'
const NEXT = '6214830012340001'

/** C-1 sends 1,000 to MULE at 10:00, C-2 3,000 at 10:05; MULE sends 1,200 to NEXT at 10:10. fifo: NEXT gets C-1 1,000 + C-2 200. */
function linkReport() {
  const c1 = makeCase({
    accounts: [{ id: MULE, holder: '李强', institution: 'ICBC', branch: '济南<分行>' }],
    victims: [{ id: 'V1', name: '王芳', accounts: ['6217000010001234'], transfers: ['F1'] }],
    transfers: [{ id: 'F1', from: '6217000010001234', to: MULE, amount: yuan(1000), time: at(0) }, { id: 'X1', from: MULE, to: NEXT, amount: yuan(1200), time: at(10) }],
  })
  const c2 = makeCase({
    victims: [{ id: 'V1', name: '刘洋', accounts: ['6228480012345678'], transfers: ['G1'] }],
    transfers: [{ id: 'G1', from: '6228480012345678', to: MULE, amount: yuan(3000), time: at(5) }, { id: 'X1', from: MULE, to: NEXT, amount: yuan(1200), time: at(10) }],
  })
  const linked = linkCases([{ ...c1, caseId: 'C-1' }, { ...c2, caseId: 'C-<2>' }])
  return toLinkReport(linked, trace(linked.joint, { method: 'fifo' }))
}

describe.skipIf(!browserEnabled)('link HTML report in headless Chromium', () => {
  const report = linkReport()
  let browser: Browser
  let page: Page
  let requests: string[] = []
  let consoleErrors: string[] = []
  const htmlPath = join(ARTIFACTS, 'link-report.html')
  const maskedPath = join(ARTIFACTS, 'link-report-masked.html')

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true })
    writeFileSync(htmlPath, [...linkHtmlChunks(report, { version: '0.1.0' })].join(''))
    writeFileSync(maskedPath, [...linkHtmlChunks(report, { mask: true, version: '0.1.0' })].join(''))
    ;({ browser, page, requests, consoleErrors } = await openInChromium(htmlPath))
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('shows the cross-case ranking: MULE (2,800.00 held, C-<2> only) above NEXT (1,200.00, both cases)', async () => {
    const rows = page.locator('#cross-case tbody tr')
    expect(await rows.count()).toBe(2)
    expect(await rows.nth(0).getAttribute('data-account')).toBe(MULE)
    expect(await rows.nth(0).locator('td[data-field="held-total"]').innerText()).toBe('2,800.00')
    expect(await rows.nth(1).locator('td[data-field="cases"]').innerText()).toBe('2')
    expect(await rows.nth(1).locator('td.per-victim').innerText()).toBe('C-1 1,000.00\nC-<2> 200.00')
  })

  it("shows each case's sheet and its own actions: C-1 holds 1,000.00 at NEXT (its rank 1, joint rank 2)", async () => {
    expect(await page.locator('section.case').count()).toBe(2)
    const c1 = page.locator('section.case[data-case-id="C-1"]')
    expect(await c1.isVisible()).toBe(true)
    expect(await c1.locator('tr[data-victim="C-1/V1"] td[data-field="loss"]').innerText()).toBe('1,000.00')
    const first = c1.locator('tr[data-rank="1"]')
    expect(await first.getAttribute('data-joint-rank')).toBe('2')
    expect(await first.locator('td.account').innerText()).toContain(NEXT)
    expect(await first.locator('td.amount').innerText()).toBe('1,000.00')
    const unfunded = c1.locator('tr[data-rank="2"]')
    expect([await unfunded.getAttribute('data-account'), await unfunded.getAttribute('data-funded')]).toEqual([MULE, 'false'])
    expect(await page.locator('section.case[data-case-id="C-<2>"] h3').innerText()).toContain('C-<2>')
  })

  it('lists the joint actions and fits the page width', async () => {
    expect(await page.locator('#joint-actions tbody tr[data-rank]').count()).toBe(report.joint.actions.length)
    const width = Number(await page.evaluate('document.documentElement.scrollWidth'))
    expect(width).toBeLessThanOrEqual(1280)
  })

  it('makes no network request and logs no error', () => {
    const external = requests.filter((url) => !url.startsWith('file:') && !url.startsWith('data:'))
    expect(external).toEqual([])
    expect(consoleErrors).toEqual([])
  })

  it('prints to A4 and saves a screenshot', async () => {
    const png = join(ARTIFACTS, 'link-report.png')
    const pdf = join(ARTIFACTS, 'link-report.pdf')
    await page.screenshot({ path: png, fullPage: true })
    await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true })
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG')
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-')
  })

  it('the masked variant shows no account number or name', async () => {
    const masked = await browser.newPage()
    masked.on('request', (request) => requests.push(request.url()))
    await masked.goto(pathToFileURL(maskedPath).href)
    const text = await masked.locator('body').innerText()
    for (const secret of [MULE, NEXT, '6217000010001234', '王芳', '刘洋', '李强']) expect(text).not.toContain(secret)
    expect(await masked.locator('#cross-case tbody tr').first().locator('td.account').innerText()).toContain('6222 **** **** 4321')
    await masked.close()
  })
})
