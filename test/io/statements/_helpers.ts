import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** Reads a fixture under fixtures/statements/. */
export function fixture(name: string): Buffer {
  return readFileSync(fileURLToPath(new URL(`../../../fixtures/statements/${name}`, import.meta.url)))
}

/** Builds CSV text from rows (cells quoted when needed). */
export function csv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n') + '\n'
}

/** Epoch ms of a Shanghai wall time 'YYYY-MM-DD HH:mm:ss'. */
export function sh(wall: string): number {
  return Date.parse(`${wall.replace(' ', 'T')}+08:00`)
}
