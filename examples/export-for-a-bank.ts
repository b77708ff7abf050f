/**
 * Export the forms for the banks: one routing packet per opening branch of the involved accounts,
 * each with Attachment 1 (case report form), Attachment 2 (temporary stop-payment request) and
 * Attachment 3 (involved-account report) as CSV (UTF-8 with BOM, CRLF — opens correctly in a
 * spreadsheet) in out/forms/, plus the same packet as Markdown. The responding bank here is BOC,
 * the victim 王芳's bank.
 *
 *   npx tsx examples/export-for-a-bank.ts [--language en]
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { caseMetaFromCase, escalations, packetCsv, packetMarkdown, parseCase, routingPackets, toReport, trace, victimNotice } from '../src/index.js'

const language = process.argv.includes('--language') && process.argv[process.argv.indexOf('--language') + 1] === 'en' ? 'en' : 'zh'
const caseFile = parseCase(readFileSync(new URL('./demo-case.json', import.meta.url), 'utf8'))
const report = toReport(trace(caseFile, { method: 'fifo' }))

// Case facts the report does not carry (reporting time, victims' names and transfer times), and
// who is sending: accounts at the requester's own institution make an `internal` packet.
const meta = caseMetaFromCase(caseFile, { institution: 'BOC', branch: '济南分行营业部' })
const packets = routingPackets(report, meta)

const dir = join('out', 'forms')
await mkdir(dir, { recursive: true })
for (const [i, packet] of packets.entries()) {
  const stem = `${String(i + 1).padStart(2, '0')}-${packet.institution ?? 'unknown'}-${packet.branch ?? 'unknown'}`.replace(/[\\/:*?"<>|\s]+/g, '_')
  const csv = packetCsv(packet, { language })
  await writeFile(join(dir, `${stem}-attachment1.csv`), csv.attachment1)
  await writeFile(join(dir, `${stem}-attachment2.csv`), csv.attachment2)
  await writeFile(join(dir, `${stem}-attachment3.csv`), csv.attachment3)
  await writeFile(join(dir, `${stem}.md`), packetMarkdown(packet, { language }))
  const stops = packet.attachment2.map((r) => `${r.account} ${r.amount} ${r.hold}`).join('; ')
  console.log(`packet ${stem}: ${packet.accounts.length} account(s)${packet.internal ? ' (internal)' : ''}; stops: ${stops || 'none'}`)
}
console.log(`wrote ${packets.length * 4} files to ${dir}/`)

// Not routed to a branch: payment platforms and POS merchants go to the provincial anti-fraud centre.
for (const item of escalations(report)) console.log(`escalate: ${item.account} ${item.amount} → ${item.notify.organisation}, ${item.notify.role}`)

// What the victim may be told: level-1 accounts only.
const notice = victimNotice(report, 'V1')
console.log(`victim notice for V1 lists ${notice.accounts.map((a) => a.account).join(', ')}`)
