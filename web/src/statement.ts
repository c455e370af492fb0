// The kata statement pane: rendered Markdown, the entry point and the sample cases.

import { api, type Kata } from './api'
import { h, replace } from './dom'
import { entrySignature } from './kata-entry'
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
  return h(
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
}

export function renderKata(el: HTMLElement, kata: Kata): void {
  const sig = entrySignature(kata.entry)
  replace(
    el,
    h(
      'div',
      { class: 'statement-head' },
      h('h2', { testid: 'kata-title' }, kata.title),
      kata.difficulty ? h('span', { class: `badge difficulty difficulty-${kata.difficulty}` }, kata.difficulty) : null,
    ),
    h('div', { class: 'markdown', testid: 'kata-statement' }, renderMarkdown(kata.statement ?? '', kata.title)),
    sig ? h('div', { class: 'entry' }, h('h3', null, 'Entry point'), h('pre', null, h('code', null, sig))) : null,
    Array.isArray(kata.samples) ? samplesTable(kata.samples) : null,
  )
}

export async function loadStatement(el: HTMLElement, slug: string | null, title: string | null): Promise<Kata | null> {
  if (!slug) {
    replace(
      el,
      h('h2', { testid: 'kata-title' }, 'Free practice'),
      h('p', null, 'No kata in this room: write your own tests in the tests tab and code in the solution tab, then run the tests.'),
    )
    return null
  }
  replace(el, h('h2', { testid: 'kata-title' }, title ?? slug), h('p', { class: 'muted' }, 'Loading the statement…'))
  try {
    const kata = await api.kata(slug)
    renderKata(el, kata)
    return kata
  } catch (err) {
    replace(el, h('h2', { testid: 'kata-title' }, title ?? slug), h('p', { class: 'form-error' }, `Could not load the statement: ${(err as Error).message}`))
    return null
  }
}
