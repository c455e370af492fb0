// The lobby's kata filter (pure): difficulty, tags and a search over title, slug and
// summary; the tag list; the filter as a URL query (`?difficulty=easy&tag=strings&q=fizz`)
// so a reload or a shared link keeps it; the "12 of 44 katas" line.
//
// Semantics: no difficulty ticked means every difficulty, several mean any of them; every
// selected tag must be on the kata; every word of the search must appear in the title,
// the slug or the summary (case and accents ignored).

import type { Difficulty, KataSummary } from './generated/protocol'

export type { Difficulty }

/** The difficulties, in the order the lobby shows them (and a query lists them). */
export const DIFFICULTIES: readonly Difficulty[] = ['easy', 'medium', 'hard']

export interface KataFilter {
  /** Any of these (in `DIFFICULTIES` order); empty means all. */
  readonly difficulties: readonly Difficulty[]
  /** All of these (normalized, sorted). */
  readonly tags: readonly string[]
  /** The search box as typed; blank means no search. */
  readonly query: string
}

/** What the filter reads of a kata. */
export type FilterableKata = Pick<KataSummary, 'slug' | 'title' | 'summary' | 'difficulty'> & { tags?: readonly string[] | null }

export const EMPTY_FILTER: KataFilter = Object.freeze({ difficulties: [], tags: [], query: '' })

/** The query parameter names. */
export const PARAMS = { difficulty: 'difficulty', tag: 'tag', query: 'q' } as const

export function isDifficulty(value: unknown): value is Difficulty {
  return (DIFFICULTIES as readonly unknown[]).includes(value)
}

/** Lower case, accents dropped, typographic apostrophes as ASCII, runs of spaces as one. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

/** A tag as the filter compares it. */
export function normalizeTag(tag: string): string {
  return normalizeText(tag)
}

/** The search's words, normalized; none for a blank query. */
export function searchTerms(query: string): string[] {
  const text = normalizeText(query)
  return text ? text.split(' ') : []
}

/** Whether any part of the filter narrows the list. */
export function isFilterActive(filter: KataFilter): boolean {
  return filter.difficulties.length > 0 || filter.tags.length > 0 || searchTerms(filter.query).length > 0
}

function kataTags(kata: FilterableKata): string[] {
  return (kata.tags ?? []).map(normalizeTag).filter((t) => t !== '')
}

/** Whether one kata passes the filter. */
export function matchesKata(kata: FilterableKata, filter: KataFilter): boolean {
  if (filter.difficulties.length > 0 && !filter.difficulties.includes(kata.difficulty)) return false
  if (filter.tags.length > 0) {
    const tags = kataTags(kata)
    if (!filter.tags.every((t) => tags.includes(normalizeTag(t)))) return false
  }
  const terms = searchTerms(filter.query)
  if (terms.length > 0) {
    const haystack = [kata.title, kata.slug, kata.summary].map((s) => normalizeText(s ?? '')).join('\n')
    if (!terms.every((term) => haystack.includes(term))) return false
  }
  return true
}

/** The katas that pass the filter, in their catalogue order. */
export function filterKatas<K extends FilterableKata>(katas: readonly K[], filter: KataFilter): K[] {
  return katas.filter((k) => matchesKata(k, filter))
}

/** Every tag of the catalogue once, normalized, in alphabetical order. */
export function allTags(katas: readonly FilterableKata[]): string[] {
  const tags = new Set<string>()
  for (const k of katas) for (const t of kataTags(k)) tags.add(t)
  return [...tags].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

function canonicalDifficulties(values: Iterable<unknown>): Difficulty[] {
  const set = new Set(values)
  return DIFFICULTIES.filter((d) => set.has(d))
}

function canonicalTags(values: Iterable<string>): string[] {
  const set = new Set<string>()
  for (const v of values) {
    const t = normalizeTag(v)
    if (t) set.add(t)
  }
  return [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

/** The filter with `difficulty` ticked if it was not, unticked if it was. */
export function toggleDifficulty(filter: KataFilter, difficulty: Difficulty): KataFilter {
  const on = filter.difficulties.includes(difficulty)
  return { ...filter, difficulties: canonicalDifficulties(on ? filter.difficulties.filter((d) => d !== difficulty) : [...filter.difficulties, difficulty]) }
}

/** The filter with `tag` selected if it was not, dropped if it was. */
export function toggleTag(filter: KataFilter, tag: string): KataFilter {
  const t = normalizeTag(tag)
  if (!t) return filter
  const on = filter.tags.includes(t)
  return { ...filter, tags: canonicalTags(on ? filter.tags.filter((x) => x !== t) : [...filter.tags, t]) }
}

export function withQuery(filter: KataFilter, query: string): KataFilter {
  return { ...filter, query }
}

/** Drop selected tags the catalogue no longer has (an old link), so they cannot empty the list unseen. */
export function pruneFilter(filter: KataFilter, knownTags: readonly string[]): KataFilter {
  const tags = filter.tags.filter((t) => knownTags.includes(t))
  return tags.length === filter.tags.length ? filter : { ...filter, tags }
}

function splitValues(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '')
}

/** Whether a URL query carries any filter parameter (else the tab's last filter applies). */
export function hasFilterParams(search: string): boolean {
  const params = new URLSearchParams(search)
  return Object.values(PARAMS).some((name) => params.has(name))
}

/**
 * The filter in a URL query (`location.search`, with or without its `?`). Repeated or
 * comma-separated values both work; unknown difficulties and empty tags are dropped.
 */
export function parseFilter(search: string): KataFilter {
  const params = new URLSearchParams(search)
  return {
    difficulties: canonicalDifficulties(splitValues(params, PARAMS.difficulty).map((d) => d.toLowerCase())),
    tags: canonicalTags(splitValues(params, PARAMS.tag)),
    query: params.get(PARAMS.query) ?? '',
  }
}

/**
 * `search` (a URL query) with the filter's parameters replaced by `filter`'s, other
 * parameters kept: `"?difficulty=easy&tag=strings&q=fizz"`, or `""` when nothing is left.
 */
export function serializeFilter(filter: KataFilter, search = ''): string {
  const params = new URLSearchParams(search)
  for (const name of Object.values(PARAMS)) params.delete(name)
  for (const d of canonicalDifficulties(filter.difficulties)) params.append(PARAMS.difficulty, d)
  for (const t of canonicalTags(filter.tags)) params.append(PARAMS.tag, t)
  if (searchTerms(filter.query).length > 0) params.set(PARAMS.query, filter.query)
  const text = params.toString()
  return text ? `?${text}` : ''
}

/** The count line: "44 katas", "12 of 44 katas", "No kata matches (44 in all)". */
export function matchCountText(shown: number, total: number): string {
  const noun = (n: number) => (n === 1 ? 'kata' : 'katas')
  if (shown === total) return `${total} ${noun(total)}`
  if (shown === 0) return `No kata matches (${total} in all)`
  return `${shown} of ${total} ${noun(total)}`
}
