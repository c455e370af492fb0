// Run tests / Submit, the keyboard hint and the run status line under the editors.

import { h, replace } from '../../dom'
import { icon } from '../../icons'
import type { RunKind } from '../../api'
import type { View } from '../../view'
import type { RunStatusView } from '../model/run-status'

function keyHint(): HTMLElement {
  return h(
    'span',
    { class: 'muted small kbd-hint', id: 'editor-keys' },
    h('kbd', null, 'Ctrl'),
    '+',
    h('kbd', null, 'Enter'),
    ' runs the tests · ',
    h('kbd', null, 'Esc'),
    ' then ',
    h('kbd', null, 'Tab'),
    ' leaves the editor',
  )
}

/** `joined`: watchers cannot run anything, so they do not see the bar at all. */
export function createRunBar(onRun: (kind: RunKind) => void, joined: boolean): View<RunStatusView> {
  const runTests = h('button', { type: 'button', class: 'primary', testid: 'run-tests', 'aria-keyshortcuts': 'Control+Enter Meta+Enter', onclick: () => onRun('test') })
  const submit = h('button', { type: 'button', testid: 'submit', onclick: () => onRun('submit') })
  const status = h('span', { class: 'run-status', testid: 'run-status', role: 'status', 'aria-live': 'polite' })
  const el = h('div', { class: 'run-bar' }, runTests, submit, keyHint(), status)
  el.hidden = !joined
  return {
    el,
    update(v: RunStatusView) {
      runTests.disabled = v.busy
      submit.disabled = v.busy
      submit.hidden = v.submitHidden
      status.textContent = v.text
      status.dataset.state = v.state
      replace(runTests, icon(v.runIcon), v.runLabel)
      replace(submit, icon(v.submitIcon), v.submitLabel)
    },
  }
}
