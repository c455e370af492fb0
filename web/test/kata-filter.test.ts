import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  allTags,
  EMPTY_FILTER,
  filterKatas,
  isFilterActive,
  matchCountText,
  matchesKata,
  normalizeText,
  parseFilter,
  pruneFilter,
  searchTerms,
  serializeFilter,
  toggleDifficulty,
  toggleTag,
  withQuery,
  hasFilterParams,
  type FilterableKata,
  type KataFilter,
} from '../src/kata-filter'

const kata = (slug: string, title: string, difficulty: FilterableKata['difficulty'], tags: string[], summary = ''): FilterableKata => ({
  slug,
  title,
  difficulty,
  tags,
  summary,
})

const KATAS: FilterableKata[] = [
  kata('fizzbuzz', 'FizzBuzz', 'easy', ['conditionals', 'warm-up'], 'Print numbers, Fizz for multiples of three.'),
  kata('args', 'Args', 'hard', ['parsing', 'strings', 'errors'], 'Parse command-line arguments against a schema.'),
  kata('roman-numerals', 'Roman Numerals', 'medium', ['strings', 'conversion', 'tdd-classic'], 'Convert integers to Roman numerals.'),
  kata('langtons-ant', 'Langton’s Ant', 'medium', ['grids', 'simulation'], 'An ant walks a grid and flips cells.'),
  kata('bowling-game', 'Bowling Game', 'hard', ['state', 'class', 'tdd-classic'], 'Score a game of ten-pin bowling.'),
  kata('leap-years', 'Leap Years', 'easy', ['conditionals', 'warm-up', 'dates'], 'Is a year a leap year?'),
]

const slugs = (filter: Partial<KataFilter>) => filterKatas(KATAS, { ...EMPTY_FILTER, ...filter }).map((k) => k.slug)

test('the empty filter keeps every kata, in catalogue order', () => {
  assert.deepEqual(slugs({}), KATAS.map((k) => k.slug))
  assert.equal(isFilterActive(EMPTY_FILTER), false)
  assert.deepEqual(filterKatas([], EMPTY_FILTER), [])
})

test('difficulty: one, several (any of them), all three', () => {
  assert.deepEqual(slugs({ difficulties: ['easy'] }), ['fizzbuzz', 'leap-years'])
  assert.deepEqual(slugs({ difficulties: ['hard'] }), ['args', 'bowling-game'])
  assert.deepEqual(slugs({ difficulties: ['easy', 'hard'] }), ['fizzbuzz', 'args', 'bowling-game', 'leap-years'])
  assert.deepEqual(slugs({ difficulties: ['easy', 'medium', 'hard'] }), KATAS.map((k) => k.slug))
})

test('tags: every selected tag must be on the kata, case ignored', () => {
  assert.deepEqual(slugs({ tags: ['strings'] }), ['args', 'roman-numerals'])
  assert.deepEqual(slugs({ tags: ['strings', 'tdd-classic'] }), ['roman-numerals'])
  assert.deepEqual(slugs({ tags: ['tdd-classic'] }), ['roman-numerals', 'bowling-game'])
  assert.deepEqual(slugs({ tags: ['Warm-Up'] }), ['fizzbuzz', 'leap-years'])
  assert.deepEqual(slugs({ tags: ['nowhere'] }), [])
  // A kata without tags (an older server) only passes when no tag is selected.
  const bare = { slug: 'x', title: 'X', summary: '', difficulty: 'easy' as const, tags: null }
  assert.equal(matchesKata(bare, EMPTY_FILTER), true)
  assert.equal(matchesKata(bare, { ...EMPTY_FILTER, tags: ['strings'] }), false)
})

test('search: title, slug and summary, case-insensitive, every word', () => {
  assert.deepEqual(slugs({ query: 'fizz' }), ['fizzbuzz'])
  assert.deepEqual(slugs({ query: 'ROMAN' }), ['roman-numerals'])
  assert.deepEqual(slugs({ query: 'bowling-game' }), ['bowling-game'], 'the slug')
  assert.deepEqual(slugs({ query: 'schema' }), ['args'], 'the summary')
  assert.deepEqual(slugs({ query: 'leap year' }), ['leap-years'], 'both words')
  assert.deepEqual(slugs({ query: 'leap bowling' }), [], 'every word must match')
  assert.deepEqual(slugs({ query: 'game' }), ['bowling-game'])
  assert.deepEqual(slugs({ query: "langton's" }), ['langtons-ant'], 'a typed apostrophe matches a typographic one')
  assert.deepEqual(slugs({ query: '   ' }), KATAS.map((k) => k.slug), 'a blank search filters nothing')
  assert.deepEqual(slugs({ query: 'tdd-classic' }), [], 'tags are not searched')
})

test('search ignores accents; normalizeText and searchTerms', () => {
  const cafe = [kata('cafe', 'Café Orders', 'easy', [])]
  assert.equal(filterKatas(cafe, withQuery(EMPTY_FILTER, 'cafe')).length, 1)
  assert.equal(filterKatas(cafe, withQuery(EMPTY_FILTER, 'CAFÉ')).length, 1)
  assert.equal(normalizeText('  Langton’s   ANT '), "langton's ant")
  assert.deepEqual(searchTerms('  Fizz  Buzz '), ['fizz', 'buzz'])
  assert.deepEqual(searchTerms(''), [])
})

test('the parts combine: difficulty and tag and search', () => {
  assert.deepEqual(slugs({ difficulties: ['medium', 'hard'], tags: ['tdd-classic'] }), ['roman-numerals', 'bowling-game'])
  assert.deepEqual(slugs({ difficulties: ['hard'], tags: ['tdd-classic'], query: 'score' }), ['bowling-game'])
  assert.deepEqual(slugs({ difficulties: ['easy'], tags: ['tdd-classic'] }), [])
})

test('allTags: every tag once, normalized, alphabetical', () => {
  assert.deepEqual(allTags(KATAS), ['class', 'conditionals', 'conversion', 'dates', 'errors', 'grids', 'parsing', 'simulation', 'state', 'strings', 'tdd-classic', 'warm-up'])
  assert.deepEqual(allTags([kata('a', 'A', 'easy', ['Zeta', ' alpha ', 'zeta', '']), { slug: 'b', title: 'B', summary: '', difficulty: 'easy' }]), ['alpha', 'zeta'])
  assert.deepEqual(allTags([]), [])
})

test('toggling a difficulty or a tag', () => {
  let f = toggleDifficulty(EMPTY_FILTER, 'hard')
  f = toggleDifficulty(f, 'easy')
  assert.deepEqual(f.difficulties, ['easy', 'hard'], 'canonical order')
  assert.equal(isFilterActive(f), true)
  assert.deepEqual(toggleDifficulty(f, 'hard').difficulties, ['easy'])

  let g = toggleTag(EMPTY_FILTER, 'strings')
  g = toggleTag(g, 'Conversion')
  assert.deepEqual(g.tags, ['conversion', 'strings'], 'normalized and sorted')
  assert.deepEqual(toggleTag(g, 'strings').tags, ['conversion'])
  assert.equal(toggleTag(g, '  '), g)
  // Toggles return new filters and leave the old one alone.
  assert.deepEqual(EMPTY_FILTER, { difficulties: [], tags: [], query: '' })
})

test('pruneFilter drops tags the catalogue no longer has', () => {
  const f: KataFilter = { difficulties: ['easy'], tags: ['gone', 'strings'], query: 'x' }
  assert.deepEqual(pruneFilter(f, allTags(KATAS)), { difficulties: ['easy'], tags: ['strings'], query: 'x' })
  const kept: KataFilter = { ...f, tags: ['strings'] }
  assert.equal(pruneFilter(kept, allTags(KATAS)), kept)
})

test('parseFilter reads the URL query, tolerantly', () => {
  assert.deepEqual(parseFilter(''), EMPTY_FILTER)
  assert.deepEqual(parseFilter('?difficulty=hard&difficulty=easy&tag=strings&tag=Parsing&q=fizz%20buzz'), {
    difficulties: ['easy', 'hard'],
    tags: ['parsing', 'strings'],
    query: 'fizz buzz',
  })
  assert.deepEqual(parseFilter('difficulty=easy,MEDIUM,insane&tag=a,,b&tag=a'), { difficulties: ['easy', 'medium'], tags: ['a', 'b'], query: '' })
  assert.deepEqual(parseFilter('?other=1&q=+roman+'), { difficulties: [], tags: [], query: ' roman ' })
})

test('serializeFilter writes the query, keeps other parameters, and round-trips', () => {
  assert.equal(serializeFilter(EMPTY_FILTER), '')
  assert.equal(serializeFilter(EMPTY_FILTER, '?difficulty=easy&tag=x&q=y'), '', 'clearing removes the filter parameters')
  assert.equal(serializeFilter({ difficulties: ['hard', 'easy'], tags: ['strings', 'class'], query: 'bowl' }), '?difficulty=easy&difficulty=hard&tag=class&tag=strings&q=bowl')
  assert.equal(serializeFilter({ ...EMPTY_FILTER, query: '  ' }), '', 'a blank search is left out')
  assert.equal(serializeFilter(withQuery(EMPTY_FILTER, 'a&b=c'), '?lang=js&q=old'), '?lang=js&q=a%26b%3Dc')
  const filters: KataFilter[] = [
    EMPTY_FILTER,
    { difficulties: ['medium'], tags: [], query: '' },
    { difficulties: ['easy', 'medium', 'hard'], tags: ['tdd-classic', 'warm-up'], query: 'Langton’s ant' },
    { difficulties: [], tags: ['strings'], query: 'a, b & c?' },
  ]
  for (const f of filters) assert.deepEqual(parseFilter(serializeFilter(f)), f, JSON.stringify(f))
})

test('hasFilterParams: whether the address says anything about the filter', () => {
  assert.equal(hasFilterParams(''), false)
  assert.equal(hasFilterParams('?other=1'), false)
  assert.equal(hasFilterParams('?q='), true, 'an explicit empty search still counts')
  assert.equal(hasFilterParams('?tag=strings'), true)
  assert.equal(hasFilterParams('difficulty=easy'), true)
})

test('the count line', () => {
  assert.equal(matchCountText(44, 44), '44 katas')
  assert.equal(matchCountText(1, 1), '1 kata')
  assert.equal(matchCountText(12, 44), '12 of 44 katas')
  assert.equal(matchCountText(1, 44), '1 of 44 katas')
  assert.equal(matchCountText(0, 44), 'No kata matches (44 in all)')
  assert.equal(matchCountText(0, 0), '0 katas')
})
