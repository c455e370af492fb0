// Facilitator controls: only shown when this browser holds the room's facilitator token.

import type { Room, RotationAction } from './api'
import { copyText, h, toast } from './dom'
import { facilitatorUrl } from './links'
import { createSettingsDialog } from './settings-dialog'

export interface FacilitatorPanel {
  el: HTMLElement
  update(room: Room): void
  setBusy(busy: boolean): void
}

export function createFacilitatorPanel(roomId: string, token: string, act: (a: RotationAction) => Promise<void>): FacilitatorPanel {
  const button = (testid: string, label: string, action: () => void, cls = '') =>
    h('button', { type: 'button', class: cls, testid, onclick: action }, label)

  const start = button('facilitator-start', 'Start', () => void act({ action: 'start' }), 'primary')
  const pause = button('facilitator-pause', 'Pause', () => void act({ action: 'pause' }))
  const resume = button('facilitator-resume', 'Resume', () => void act({ action: 'resume' }), 'primary')
  const next = button('facilitator-next', 'Next turn', () => void act({ action: 'next' }))
  const shuffle = button('facilitator-shuffle', 'Shuffle order', () => void act({ action: 'shuffle' }))
  const end = button('facilitator-end', 'End session', () => {
    if (confirm('End this session for everyone?')) void act({ action: 'end' })
  }, 'danger')
  const settingsBtn = button('facilitator-settings', 'Settings…', () => dialog.open())
  const copyLink = button('facilitator-copy-link', 'Copy facilitator link', async () => {
    toast((await copyText(facilitatorUrl(roomId, token))) ? 'Facilitator link copied: keep it private' : 'Could not copy the link', 'info')
  }, 'small')

  // The dialog saves through the same act() as every other control.
  let current: Room | null = null
  const dialog = createSettingsDialog(() => current?.settings ?? null, (settings) => void act({ action: 'settings', settings }))

  const controls = h('div', { class: 'button-row' }, start, pause, resume, next, shuffle, settingsBtn, end)
  const el = h(
    'section',
    { class: 'panel facilitator', testid: 'facilitator-controls', 'aria-labelledby': 'facilitator-title' },
    h('h2', { id: 'facilitator-title' }, 'Facilitator'),
    controls,
    h('div', { class: 'button-row' }, copyLink),
    dialog.el,
  )

  let busy = false
  const update = (room: Room) => {
    current = room
    const st = room.rotation?.status ?? 'idle'
    start.hidden = !(st === 'idle' || st === 'ended')
    start.textContent = st === 'ended' ? 'Start again' : 'Start'
    pause.hidden = !(st === 'running' || st === 'break' || st === 'waiting')
    resume.hidden = st !== 'paused'
    next.hidden = st === 'idle' || st === 'ended'
    end.hidden = st === 'ended'
    for (const b of [start, pause, resume, next, shuffle, settingsBtn, end]) b.disabled = busy
  }
  return {
    el,
    update,
    setBusy(b: boolean) {
      busy = b
      el.setAttribute('aria-busy', String(b))
      if (current) update(current)
    },
  }
}
