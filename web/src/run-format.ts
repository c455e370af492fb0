// How a run reads as text: its light, words for verdicts, its title, case inputs as calls.
// Pure, shared by the room and the projector; lights.ts turns it into DOM.

import type { Light, Run } from './api'
import type { IconName } from './icons'
import { entryName, type Language } from './languages'

/** The icon (icons.ts) of each light: never a character, which may lack a font. */
export const LIGHT_ICON: Record<Light, IconName> = { green: 'check', red: 'cross', amber: 'warning' }

export const STATUS_ICON: Record<string, IconName> = {
  passed: 'check',
  failed: 'cross',
  error: 'warning',
  timed_out: 'clock',
  out_of_memory: 'warning',
  not_run: 'circle',
  internal_error: 'warning',
}

const STATUS_WORD: Record<string, string> = {
  passed: 'passed',
  failed: 'failed',
  error: 'error',
  timed_out: 'timed out',
  out_of_memory: 'out of memory',
  not_run: 'not run',
  internal_error: 'internal error',
}

export type NameOf = (participantId: string | null | undefined) => string

export function lightOf(run: Run): Light {
  if (run.light === 'green' || run.light === 'red' || run.light === 'amber') return run.light
  if (run.verdict === 'passed') return 'green'
  if (run.verdict === 'failed') return 'red'
  return 'amber'
}

export function statusWord(s: string | null | undefined): string {
  return s ? (STATUS_WORD[s] ?? s.replace(/_/g, ' ')) : ''
}

export function runTitle(run: Run, nameOf: NameOf): string {
  const who = nameOf(run.driver ?? run.requested_by)
  const kind = run.kind === 'submit' ? 'Submission' : 'Test run'
  if (run.status !== 'done') return `${kind} by ${who}: ${run.status}`
  const light = lightOf(run)
  return `${kind} by ${who}, turn ${run.turn}: ${light} (${statusWord(run.verdict)})${run.summary ? `, ${run.summary}` : ''}`
}

export function showValue(v: unknown): string {
  if (v === undefined) return ''
  if (typeof v === 'string') return JSON.stringify(v)
  try {
    const compact = JSON.stringify(v)
    return compact.length > 80 ? JSON.stringify(v, null, 2) : compact
  } catch {
    return String(v)
  }
}

const compactJson = (v: unknown) => {
  try {
    return JSON.stringify(v)
  } catch {
    return String(v)
  }
}

/**
 * A case input as code: {"args": [3]} → fizzbuzz(3); {"init": [], "calls": [["roll", [5]]]}
 * → Game() / .roll(5). Anything else as JSON. `entry` is already spelled for the room;
 * method names come neutral from the case and are spelled for `language` here
 * (`won_point` → `wonPoint` in JavaScript).
 */
export function showInput(input: unknown, entry: string | null = null, language: Language = 'python'): string {
  if (input && typeof input === 'object' && !Array.isArray(input)) {
    const o = input as Record<string, unknown>
    const args = (a: unknown) => (Array.isArray(a) ? a.map(compactJson).join(', ') : compactJson(a))
    if (Array.isArray(o.args) && Object.keys(o).length === 1) return `${entry ?? ''}(${args(o.args)})`
    if (Array.isArray(o.calls)) {
      const lines = [`${entry ?? 'obj'}(${args(o.init ?? [])})`]
      for (const call of o.calls) {
        if (Array.isArray(call)) lines.push(`.${entryName(String(call[0]), language)}(${args(call[1] ?? [])})${call.length > 2 ? ` → ${compactJson(call[2])}` : ''}`)
      }
      return lines.join('\n')
    }
  }
  return showValue(input)
}
