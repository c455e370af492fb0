// The languages a room may be written in, and what differs between them: the title,
// the two file names, how an entry point's name is spelled. Pure; mirrors
// core/src/kata/language.rs. A kata names its entry once (snake_case, the Python
// spelling); JavaScript calls functions, methods and parameters in camelCase
// (`next_generation` → `nextGeneration`), and class names are the same everywhere.

import type { TextName } from './texts'

export const LANGUAGES = ['python', 'javascript'] as const
export type Language = (typeof LANGUAGES)[number]

/** The language rooms get when nothing says otherwise (the server's default too). */
export const DEFAULT_LANGUAGE: Language = 'python'

const TITLES: Record<Language, string> = { python: 'Python', javascript: 'JavaScript' }

const FILES: Record<Language, Record<TextName, string>> = {
  python: { solution: 'solution.py', tests: 'test_solution.py' },
  javascript: { solution: 'solution.js', tests: 'solution.test.js' },
}

/** A known language, or null. */
export function asLanguage(name: unknown): Language | null {
  return (LANGUAGES as readonly unknown[]).includes(name) ? (name as Language) : null
}

/** A room's language; a missing or unknown one reads as Python, the server's default. */
export function roomLanguage(name: unknown): Language {
  return asLanguage(name) ?? DEFAULT_LANGUAGE
}

/** For people: "Python", "JavaScript"; an unknown name as it is. */
export function languageTitle(name: string): string {
  const l = asLanguage(name)
  return l ? TITLES[l] : name
}

/** The shared files' names: solution.py / test_solution.py, solution.js / solution.test.js. */
export function fileNames(language: Language): Record<TextName, string> {
  return FILES[language]
}

/** `next_generation` → `nextGeneration`; leading underscores stay, a run of them counts as one. */
function camelCase(snake: string): string {
  const leading = snake.length - snake.replace(/^_+/, '').length
  let out = snake.slice(0, leading)
  let upper = false
  for (const c of snake.slice(leading)) {
    if (c === '_') upper = out.length > 0
    else if (upper) {
      out += c.toUpperCase()
      upper = false
    } else out += c
  }
  return out
}

/**
 * A function, method or parameter name from the kata (the neutral, snake_case
 * spelling) as `language` spells it. Class names (PascalCase) come back unchanged.
 */
export function entryName(name: string, language: Language): string {
  return language === 'javascript' ? camelCase(name) : name
}

/**
 * The languages the lobby offers: the kata's own, in the lobby's order (unknown ones
 * left out), or every language for free practice (no kata). A kata that lists none
 * (an older server) is Python only.
 */
export function languageChoices(kata: { languages?: readonly string[] | null } | null | undefined): Language[] {
  if (!kata) return [...LANGUAGES]
  const offered = LANGUAGES.filter((l) => (kata.languages ?? []).includes(l))
  return offered.length > 0 ? offered : [DEFAULT_LANGUAGE]
}

/** Which choice to select: the remembered one if offered, else Python if offered, else the first. */
export function pickLanguage(choices: readonly Language[], remembered: unknown): Language {
  const r = asLanguage(remembered)
  if (r && choices.includes(r)) return r
  if (choices.includes(DEFAULT_LANGUAGE)) return DEFAULT_LANGUAGE
  return choices[0] ?? DEFAULT_LANGUAGE
}

/** Under the lobby's language choice: why there is only one. Empty when there is a choice or no kata. */
export function languageNote(kataTitle: string | null, choices: readonly Language[]): string {
  if (kataTitle === null || choices.length !== 1) return ''
  return `${kataTitle} is in ${languageTitle(choices[0])} only.`
}
