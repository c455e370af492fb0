// No emoji or pictographs in what the client renders: a machine without an emoji font
// (a projector's PC) shows them as boxes. Icons are SVG (src/icons.ts). Comments may
// use them; code and styles may not.

import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'

const SRC = join(import.meta.dirname, '..', 'src')

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : files(path)
    return /\.(ts|css)$/.test(name) ? [path] : []
  })
}

/** The file without its comments (line and block), roughly: enough for string literals. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:\\'"`])\/\/.*$/gm, '$1')
}

test('no emoji or pictographic characters in the client’s code or styles', () => {
  const found: string[] = []
  for (const f of files(SRC)) {
    code(readFileSync(f, 'utf8'))
      .split('\n')
      .forEach((line, i) => {
        const m = line.match(/\p{Extended_Pictographic}/u)
        if (m) found.push(`${f.slice(SRC.length + 1)}:${i + 1}: ${m[0]} (U+${m[0].codePointAt(0)!.toString(16).toUpperCase()})`)
      })
  }
  assert.deepEqual(found, [])
})
