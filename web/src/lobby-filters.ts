// The lobby's kata filter bar: search box, difficulty checkboxes, tag toggles, the
// "12 of 44 katas" line and "Clear filters". DOM only; what matches is kata-filter.ts.
// Built once; `update()` sets every control from the filter without rebuilding them,
// so typing in the search box or tabbing along the tags keeps focus.

import { h } from './dom'
import { DIFFICULTIES, isFilterActive, matchCountText, toggleDifficulty, toggleTag, withQuery, EMPTY_FILTER, type KataFilter } from './kata-filter'
import { placeChildren } from './keyed'

export interface FilterBarProps {
  filter: KataFilter
  tags: readonly string[]
  shown: number
  total: number
}

export interface FilterBar {
  el: HTMLElement
  /** The search box, where focus goes after "Clear filters". */
  search: HTMLInputElement
  update(props: FilterBarProps): void
}

/** `change` gets a function of the current filter, so the bar never holds a stale one. */
export function filterBar(change: (next: (current: KataFilter) => KataFilter) => void, controls: string): FilterBar {
  const search = h('input', {
    id: 'kata-search',
    type: 'search',
    name: 'q',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: 'title, slug or summary',
    testid: 'kata-search',
    'aria-controls': controls,
  })
  const onSearch = () => change((f) => withQuery(f, search.value))
  search.addEventListener('input', onSearch)
  search.addEventListener('search', onSearch) // Escape / the clear button in some browsers

  const difficultyBoxes = DIFFICULTIES.map((d) => {
    const box = h('input', { type: 'checkbox', id: `kata-filter-${d}`, value: d, testid: `kata-filter-difficulty-${d}`, 'aria-controls': controls })
    box.addEventListener('change', () => change((f) => (f.difficulties.includes(d) === box.checked ? f : toggleDifficulty(f, d))))
    return { d, box, label: h('label', { class: `chip difficulty-chip difficulty-${d}`, for: `kata-filter-${d}` }, box, ` ${d}`) }
  })

  const tagList = h('ul', { class: 'tag-filter-list', testid: 'kata-tag-filter' })
  const tagButtons = new Map<string, HTMLButtonElement>()
  const tagButton = (tag: string) => {
    let b = tagButtons.get(tag)
    if (!b) {
      b = h('button', { type: 'button', class: 'tag', testid: 'kata-filter-tag', dataset: { tag }, 'aria-pressed': 'false', 'aria-controls': controls, onclick: () => change((f) => toggleTag(f, tag)) }, tag)
      tagButtons.set(tag, b)
    }
    return b
  }
  const tagItems = new Map<string, HTMLLIElement>()

  const count = h('p', { class: 'kata-count', id: 'kata-count', role: 'status', 'aria-live': 'polite', testid: 'kata-count' })
  const clear = h('button', { type: 'button', class: 'small ghost', testid: 'kata-filter-clear', hidden: true }, 'Clear filters')
  clear.addEventListener('click', () => {
    change(() => EMPTY_FILTER)
    search.focus()
  })

  const el = h(
    'form',
    { class: 'kata-filters', role: 'search', 'aria-label': 'Filter katas', testid: 'kata-filters', hidden: true, onsubmit: (e: Event) => e.preventDefault() },
    h('div', { class: 'field kata-search-field' }, h('label', { for: 'kata-search' }, 'Search katas'), search),
    h('fieldset', { class: 'field difficulty-filter' }, h('legend', null, 'Difficulty'), h('div', { class: 'chips' }, difficultyBoxes.map((x) => x.label))),
    h('fieldset', { class: 'field tag-filter' }, h('legend', null, 'Tags ', h('span', { class: 'muted small' }, '(katas with every selected tag)')), tagList),
    h('div', { class: 'kata-count-line' }, count, clear),
  )

  return {
    el,
    search,
    update({ filter, tags, shown, total }) {
      el.hidden = total === 0
      if (search.value !== filter.query) search.value = filter.query
      for (const { d, box } of difficultyBoxes) box.checked = filter.difficulties.includes(d)
      placeChildren(
        tagList,
        tags.map((t) => {
          let li = tagItems.get(t)
          if (!li) {
            li = h('li', null, tagButton(t))
            tagItems.set(t, li)
          }
          return li
        }),
      )
      for (const [t, b] of tagButtons) b.setAttribute('aria-pressed', String(filter.tags.includes(t)))
      count.textContent = matchCountText(shown, total)
      clear.hidden = !isFilterActive(filter)
    },
  }
}
