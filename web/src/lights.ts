// The session's traffic-light strip and the results panel of one run.

import type { CaseResult, Run } from './api'
import { h, replace } from './dom'
import { initials } from './format'
import { icon } from './icons'
import type { Language } from './languages'
import { LIGHT_ICON, STATUS_ICON, lightOf, runTitle, showInput, showValue, statusWord, type NameOf } from './run-format'

export interface LightStripOptions {
  onSelect?: (run: Run) => void
  selectedId?: string | null
  /** Show only the last N lights (projector). */
  max?: number
  /** Shown when there is no run yet. */
  emptyText?: string
}

/** Render every finished run as a light, oldest first, plus pending runs at the end. */
export function renderLights(el: HTMLElement, runs: Run[], nameOf: NameOf, opts: LightStripOptions = {}): void {
  const sorted = [...runs].sort((a, b) => (a.created_at_ms ?? 0) - (b.created_at_ms ?? 0))
  let done = sorted.filter((r) => r.status === 'done')
  const pending = sorted.filter((r) => r.status !== 'done')
  const hidden = opts.max && done.length > opts.max ? done.length - opts.max : 0
  if (hidden) done = done.slice(hidden)
  const items: HTMLElement[] = []
  if (hidden) items.push(h('li', { class: 'light-more', 'aria-label': `${hidden} earlier runs` }, `+${hidden}`))
  for (const run of done) {
    const light = lightOf(run)
    const who = nameOf(run.driver ?? run.requested_by)
    const body = [
      h('span', { class: 'light-icon', 'aria-hidden': 'true' }, icon(LIGHT_ICON[light])),
      h('span', { class: 'light-initials', 'aria-hidden': 'true' }, initials(who)),
      run.kind === 'submit' ? h('span', { class: 'light-kind', 'aria-hidden': 'true' }, icon('star')) : null,
      h('span', { class: 'visually-hidden' }, runTitle(run, nameOf)),
    ]
    const attrs = {
      class: `light light-${light}${run.kind === 'submit' ? ' light-submit' : ''}${opts.selectedId === run.id ? ' selected' : ''}`,
      testid: 'light',
      dataset: { light, kind: run.kind, runId: run.id, verdict: run.verdict ?? '' },
      title: runTitle(run, nameOf),
    }
    const onSelect = opts.onSelect
    items.push(
      h(
        'li',
        null,
        onSelect
          ? h('button', { ...attrs, type: 'button', 'aria-pressed': String(opts.selectedId === run.id), onclick: () => onSelect(run) }, body)
          : h('span', { ...attrs, role: 'img' }, body),
      ),
    )
  }
  for (const run of pending) {
    items.push(
      h(
        'li',
        null,
        h(
          'span',
          {
            class: `light light-pending light-${run.status}`,
            testid: 'light-pending',
            dataset: { runId: run.id, status: run.status, kind: run.kind },
            role: 'img',
            title: runTitle(run, nameOf),
            'aria-label': runTitle(run, nameOf),
          },
          h('span', { class: 'light-icon', 'aria-hidden': 'true' }, icon(run.status === 'running' ? 'dots' : 'hourglass')),
          h('span', { class: 'light-initials', 'aria-hidden': 'true' }, initials(nameOf(run.driver ?? run.requested_by))),
        ),
      ),
    )
  }
  if (items.length === 0 && opts.emptyText !== '') {
    items.push(h('li', { class: 'light-empty muted' }, opts.emptyText ?? 'No runs yet'))
  }
  replace(el, ...items)
  el.dataset.count = String(done.length + hidden)
}

function caseRow(c: CaseResult, entry: string | null, language: Language): HTMLElement {
  const status = c.status ?? 'not_run'
  const details: HTMLElement[] = []
  const has = (v: unknown) => v !== undefined && v !== null
  for (const key of ['input', 'expected', 'actual'] as const) {
    // A null "actual" next to an expected value is a real answer (the function returned None).
    const show = has(c[key]) || (key === 'actual' && c.actual === null && has(c.expected))
    const text = key === 'input' ? showInput(c.input, entry, language) : showValue(c[key])
    if (show) details.push(h('dt', null, key), h('dd', null, h('code', { testid: `result-${key}` }, text)))
  }
  return h(
    'li',
    { class: `result-row status-${status}`, testid: 'result-row', dataset: { status, group: c.group ?? '' } },
    h(
      'div',
      { class: 'result-head' },
      h('span', { class: 'result-status', testid: 'result-status' }, icon(STATUS_ICON[status] ?? 'circle'), ' ', statusWord(status)),
      h('span', { class: 'result-name', testid: 'result-name' }, c.name),
      c.group ? h('span', { class: 'badge' }, c.group) : null,
    ),
    c.message ? h('pre', { class: 'result-message', testid: 'result-message' }, c.message) : null,
    details.length ? h('dl', { class: 'result-values' }, details) : null,
    c.output
      ? h(
          'details',
          { class: 'result-output', open: status !== 'passed' },
          h('summary', null, 'Output', c.output_truncated ? ' (truncated)' : ''),
          h('pre', { testid: 'result-output' }, c.output),
        )
      : null,
  )
}

/**
 * The results panel for one run (null: nothing run yet). `entry` names the kata's
 * function or class as the room's `language` spells it.
 */
export function renderResults(el: HTMLElement, run: Run | null, nameOf: NameOf, latest = true, entry: string | null = null, language: Language = 'python'): void {
  if (!run) {
    el.dataset.verdict = ''
    el.dataset.runId = ''
    replace(el, h('p', { class: 'muted' }, 'Run the tests (Ctrl+Enter) to see results here.'))
    return
  }
  el.dataset.runId = run.id
  el.dataset.verdict = run.status === 'done' ? (run.verdict ?? '') : run.status
  if (run.status !== 'done') {
    replace(el, h('p', { class: 'results-pending', testid: 'results-pending' }, runTitle(run, nameOf), '…'))
    return
  }
  const light = lightOf(run)
  const results = run.results ?? []
  const failedFirst = [...results].sort((a, b) => Number(a.status === 'passed') - Number(b.status === 'passed'))
  replace(
    el,
    h(
      'div',
      { class: `results-head results-${light}` },
      h(
        'span',
        { class: 'results-verdict', testid: 'results-verdict', dataset: { verdict: run.verdict ?? '', light } },
        icon(LIGHT_ICON[light]),
        ' ',
        statusWord(run.verdict ?? light),
      ),
      h('span', { class: 'results-summary', testid: 'results-summary' }, run.summary ?? ''),
      h(
        'span',
        { class: 'results-meta muted' },
        `${run.kind === 'submit' ? 'Submission' : 'Tests'} · ${nameOf(run.driver ?? run.requested_by)} · turn ${run.turn}`,
        run.seed != null && run.kind === 'submit' ? ` · seed ${run.seed}` : '',
        typeof run.duration_ms === 'number' ? ` · ${(run.duration_ms / 1000).toFixed(1)} s` : '',
        latest ? '' : ' · (earlier run)',
      ),
    ),
    results.length
      ? h('ol', { class: 'result-list', testid: 'result-list' }, failedFirst.map((c) => caseRow(c, entry, language)))
      : h('p', { class: 'muted' }, 'No individual results.'),
  )
}
