// Next to the tabs: why the editor is read-only, and the "Follow driver" switch.

import { h } from '../../dom'
import type { View } from '../../view'

export function createReadOnlyNote(): View<{ why: string }> {
  const el = h('span', { class: 'readonly-note', testid: 'readonly-note', role: 'status' })
  return {
    el,
    update({ why }) {
      el.textContent = why
      el.title = why
      el.hidden = !why
    },
  }
}

export interface FollowProps {
  on: boolean
  hidden: boolean
}

export function createFollowToggle(onChange: (on: boolean) => void): View<FollowProps> {
  const input = h('input', { type: 'checkbox', id: 'pref-follow', testid: 'follow-driver' })
  input.addEventListener('change', () => onChange(input.checked))
  const el = h('label', { class: 'toggle small follow', title: 'Switch to the file the driver is in' }, input, ' Follow driver')
  return {
    el,
    update(p: FollowProps) {
      input.checked = p.on
      el.hidden = p.hidden
    },
  }
}
