// Next to the tabs: why the editor is read-only, and the "Follow driver" button; over
// the editor: the brief "Ada has the keyboard" notice when a navigator types.

import { h, replace } from '../../dom'
import { icon } from '../../icons'
import type { View } from '../../view'
import type { FollowMode } from '../model/follow'

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
  mode: FollowMode
  hidden: boolean
}

export interface FollowCallbacks {
  set(on: boolean): void
  resume(): void
}

/**
 * A toggle button: "Follow driver" (pressed while following). Our own scrolling or
 * clicking in the code pauses it; then it reads "Resume following".
 */
export function createFollowToggle(cb: FollowCallbacks): View<FollowProps> {
  let mode: FollowMode = 'off'
  const onClick = () => (mode === 'paused' ? cb.resume() : cb.set(mode === 'off'))
  const el = h('button', { type: 'button', class: 'small follow', testid: 'follow-driver', onclick: onClick })
  return {
    el,
    update(p: FollowProps) {
      mode = p.mode
      el.hidden = p.hidden
      el.dataset.state = p.mode
      el.setAttribute('aria-pressed', String(p.mode === 'on'))
      el.title = p.mode === 'paused' ? 'You scrolled away: go back to where the driver is' : "Show the driver's file and keep their cursor in view"
      replace(el, p.mode === 'paused' ? 'Resume following' : 'Follow driver')
    },
  }
}

export interface KeyboardNoticeProps {
  text: string
  /** Refused keys so far: a higher count than last time shows the notice again. */
  count: number
}

const NOTICE_MS = 2500

/** One notice however many keys: each key only keeps it up a little longer. */
export function createKeyboardNotice(): View<KeyboardNoticeProps> {
  const text = h('span', { testid: 'keyboard-notice-text' })
  const el = h('div', { class: 'keyboard-notice', testid: 'keyboard-notice', role: 'status', 'aria-live': 'polite', hidden: true }, icon('keyboard'), text)
  let count = 0
  let timer: ReturnType<typeof setTimeout> | null = null
  return {
    el,
    update(p: KeyboardNoticeProps) {
      if (text.textContent !== p.text) text.textContent = p.text
      if (p.count > count) {
        el.hidden = false
        if (timer) clearTimeout(timer)
        timer = setTimeout(() => (el.hidden = true), NOTICE_MS)
      }
      count = p.count
    },
  }
}
