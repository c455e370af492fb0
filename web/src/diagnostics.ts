// Where a run's errors are in the code: file and line, for the editors' lint markers.
// Pure. The result rows carry no line field: the line is in the text the server writes.
//
// What the guests report (GET /api/rooms/{id}/runs):
// - a file that does not load (a syntax error) is a row named after the file, with
//   status "error" and a message ending in "(line N)":
//   `SyntaxError: expected ':' (solution.py, line 1) (line 1)` (Python: the server adds
//   its "(line N)" to CPython's own location), `SyntaxError: … (line 2)` (JavaScript);
// - an exception is a row named after the test or case, with a traceback: Python's
//   `File "solution.py", line 2, in helper` (innermost frame last, after "most recent
//   call last"), JavaScript's `at helper (solution.js:2:10)` (innermost first).

import type { CaseResult, Run } from './api'
import type { Language } from './languages'
import type { TextName } from './texts'

export interface LineDiagnostic {
  /** 1-based. */
  line: number
  message: string
  severity: 'error' | 'warning'
  source?: string
}

export type FileNames = Record<TextName, string>

export interface Location {
  tab: TextName
  line: number
}

/**
 * Other names a file has in tracebacks: the JavaScript guest loads the tests module as
 * `test_solution.js` (server/guest/javascript/runner.js), while the room calls it
 * `solution.test.js`.
 */
export function traceNames(files: FileNames, language: Language): [string, TextName][] {
  const names: [string, TextName][] = [
    [files.solution, 'solution'],
    [files.tests, 'tests'],
  ]
  if (language === 'javascript') names.push(['test_solution.js', 'tests'])
  return names
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Every "file + line" mention of a known file in `text`, in the order written. */
export function locationsIn(text: string, names: readonly [string, TextName][]): Location[] {
  if (!text || names.length === 0) return []
  // "test_solution.py" contains "solution.py": a name only counts at a word's start (or
  // after a directory), and the longest name is tried first.
  const alternatives = [...names].sort((a, b) => b[0].length - a[0].length).map(([n]) => escape(n)).join('|')
  const start = '(?<![\\w.-])(?:[\\w.-]*/)*'
  const patterns = [
    // Python: File "solution.py", line 3   /   (solution.py, line 3)
    new RegExp(`${start}(${alternatives})"?,? line (\\d+)`, 'g'),
    // JavaScript: solution.js:3:5   /   at fn (solution.js:3)
    new RegExp(`${start}(${alternatives}):(\\d+)`, 'g'),
  ]
  const found: { at: number; loc: Location }[] = []
  for (const re of patterns) {
    for (const m of text.matchAll(re)) {
      const tab = names.find(([n]) => n === m[1])?.[1]
      const line = Number(m[2])
      if (tab && line > 0) found.push({ at: m.index ?? 0, loc: { tab, line } })
    }
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.loc)
}

/** The innermost frame of a traceback in our files: Python lists it last, JavaScript first. */
function innermost(traceback: string, names: readonly [string, TextName][]): Location | null {
  const frames = locationsIn(traceback, names)
  if (frames.length === 0) return null
  return /most recent call last/.test(traceback) ? frames[frames.length - 1] : frames[0]
}

/** Where one error row points: the file it is named after, else the innermost frame in our files. */
export function rowLocation(row: CaseResult, names: readonly [string, TextName][]): Location | null {
  const named = names.find(([n]) => n === row.name)?.[1]
  const message = row.message ?? ''
  if (named) {
    // The line the server puts at the end: "… (line 3)".
    const own = message.match(/\(line (\d+)\)\s*$/)
    if (own && Number(own[1]) > 0) return { tab: named, line: Number(own[1]) }
    return [...locationsIn(message, names), ...locationsIn(row.traceback ?? '', names)].find((l) => l.tab === named) ?? null
  }
  return innermost(row.traceback ?? '', names) ?? innermost(message, names)
}

/** The first line of a message, for the marker's tooltip. */
function firstLine(s: string): string {
  return s.split('\n').find((l) => l.trim())?.trim() ?? ''
}

/**
 * The diagnostics of a finished run, per file: one per errored row that points into
 * our files (same file and line once). Failed assertions are not marked: the results
 * panel says which test failed, and its line is not where the fix goes.
 */
export function runDiagnostics(run: Run | null, files: FileNames, language: Language = 'python'): Record<TextName, LineDiagnostic[]> {
  const out: Record<TextName, LineDiagnostic[]> = { solution: [], tests: [] }
  if (!run || run.status !== 'done') return out
  const names = traceNames(files, language)
  const seen = new Set<string>()
  for (const row of run.results ?? []) {
    if (row.status !== 'error') continue
    const loc = rowLocation(row, names)
    if (!loc) continue
    const key = `${loc.tab}:${loc.line}`
    if (seen.has(key)) continue
    seen.add(key)
    out[loc.tab].push({ line: loc.line, message: firstLine(row.message ?? '') || 'error', severity: 'error', source: row.name })
  }
  return out
}

/** Same diagnostics (to skip a redraw). */
export function sameDiagnostics(a: readonly LineDiagnostic[], b: readonly LineDiagnostic[]): boolean {
  return a.length === b.length && a.every((d, i) => d.line === b[i].line && d.message === b[i].message && d.severity === b[i].severity)
}
