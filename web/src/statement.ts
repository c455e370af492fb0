// The kata statement pane: rendered Markdown, the entry point and the sample cases.

import { api, type Kata } from './api'
import { h, replace } from './dom'
import { entrySignature, renamedNames } from './kata-entry'
import { fileNames, languageTitle, type Language } from './languages'
import { renderMarkdown } from './markdown'

const show = (v: unknown) => {
  try {
    return JSON.stringify(v)
  } catch {
    return String(v)
  }
}

function samplesTable(samples: unknown[]): HTMLElement | null {
  const rows = samples.filter((s): s is Record<string, unknown> => !!s && typeof s === 'object').slice(0, 20)
  if (rows.length === 0) return null
  // In a box that scrolls sideways, as statement tables do (markdown.ts).
  const table = h(
    'table',
    { class: 'samples', testid: 'samples' },
    h('caption', null, 'Examples'),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Case'), h('th', { scope: 'col' }, 'Input'), h('th', { scope: 'col' }, 'Expected'))),
    h(
      'tbody',
      null,
      rows.map((s) => {
        const input = 'args' in s ? s.args : 'calls' in s ? s.calls : 'input' in s ? s.input : ''
        const expected = s.raises ? `raises${s.message_contains ? ` (“${s.message_contains}”)` : ''}` : 'expected' in s ? show(s.expected) : '–'
        return h('tr', null, h('td', null, String(s.name ?? '')), h('td', null, h('code', null, show(input))), h('td', null, h('code', null, expected)))
      }),
    ),
  )
  return h('div', { class: 'table-scroll', tabIndex: 0 }, table)
}

/** The statement is written with the Python names: say what they are called here. */
function namesNote(kata: Kata, language: Language): HTMLElement | null {
  const renamed = renamedNames(kata.entry, language)
  if (renamed.length === 0) return null
  const pairs = renamed.flatMap(([from, to], i) => [i ? ', ' : '', h('code', null, from), ' → ', h('code', null, to)])
  return h('p', { class: 'entry-names muted small', testid: 'entry-names' }, `The statement uses the Python names; in ${languageTitle(language)}: `, ...pairs, '.')
}

export function renderKata(el: HTMLElement, kata: Kata, language: Language = 'python'): void {
  const sig = entrySignature(kata.entry, language)
  replace(
    el,
    h(
      'div',
      { class: 'statement-head' },
      h('h2', { testid: 'kata-title' }, kata.title),
      kata.difficulty ? h('span', { class: `badge difficulty difficulty-${kata.difficulty}` }, kata.difficulty) : null,
    ),
    h('div', { class: 'markdown', testid: 'kata-statement' }, renderMarkdown(kata.statement ?? '', kata.title)),
    sig
      ? h(
          'div',
          { class: 'entry', testid: 'entry', dataset: { language } },
          h('h3', null, 'Entry point'),
          h('pre', null, h('code', { testid: 'entry-signature' }, sig)),
          namesNote(kata, language),
        )
      : null,
    Array.isArray(kata.samples) ? samplesTable(kata.samples) : null,
  )
}

export async function loadStatement(el: HTMLElement, slug: string | null, title: string | null, language: Language = 'python'): Promise<Kata | null> {
  if (!slug) {
    const files = fileNames(language)
    replace(
      el,
      h('h2', { testid: 'kata-title' }, 'Free practice'),
      h(
        'p',
        null,
        `No kata in this room: write your own tests in ${files.tests} and code in ${files.solution} (${languageTitle(language)}), then run the tests.`,
      ),
    )
    return null
  }
  replace(el, h('h2', { testid: 'kata-title' }, title ?? slug), h('p', { class: 'muted' }, 'Loading the statement…'))
  try {
    const kata = await api.kata(slug)
    renderKata(el, kata, language)
    return kata
  } catch (err) {
    replace(el, h('h2', { testid: 'kata-title' }, title ?? slug), h('p', { class: 'form-error' }, `Could not load the statement: ${(err as Error).message}`))
    return null
  }
}
