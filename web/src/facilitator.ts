// Facilitator controls: only shown when this browser holds the room's facilitator token.

import { facilitatorUrl, type Room, type RotationAction, type Settings } from './api'
import { copyText, h, toast } from './dom'

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
  const settingsBtn = button('facilitator-settings', 'Settings…', () => openSettings())
  const copyLink = button('facilitator-copy-link', 'Copy facilitator link', async () => {
    toast((await copyText(facilitatorUrl(roomId, token))) ? 'Facilitator link copied: keep it private' : 'Could not copy the link', 'info')
  }, 'small')

  // --- settings dialog ---
  let current: Room | null = null
  const turn = h('input', { id: 'settings-turn', type: 'number', min: '0.25', max: '30', step: 'any', testid: 'settings-turn-minutes' })
  const mode = h('select', { id: 'settings-mode', testid: 'settings-mode' }, h('option', { value: 'strict' }, 'Strict: only the driver types'), h('option', { value: 'free' }, 'Free: everyone types'))
  const timeUp = h(
    'select',
    { id: 'settings-time-up', testid: 'settings-time-up' },
    h('option', { value: 'rotate' }, 'Rotate at once'),
    h('option', { value: 'on_green' }, 'Rotate at the next green run'),
    h('option', { value: 'facilitator' }, 'Wait for the facilitator'),
  )
  const breakEvery = h('input', { id: 'settings-break-every', type: 'number', min: '0', max: '100', step: '1', testid: 'settings-break-every' })
  const breakMinutes = h('input', { id: 'settings-break-minutes', type: 'number', min: '0.5', max: '60', step: 'any', testid: 'settings-break-minutes' })
  const warning = h('input', { id: 'settings-warning', type: 'number', min: '0', max: '600', step: '1', testid: 'settings-warning-seconds' })
  const field = (id: string, label: string, input: HTMLElement) => h('div', { class: 'field' }, h('label', { for: id }, label), input)
  const form = h(
    'form',
    { method: 'dialog', class: 'settings-form' },
    h('h2', { id: 'settings-title' }, 'Room settings'),
    field('settings-turn', 'Turn length (minutes)', turn),
    field('settings-mode', 'Who may type', mode),
    field('settings-time-up', 'When time is up', timeUp),
    field('settings-break-every', 'Break every N turns (0 = none)', breakEvery),
    field('settings-break-minutes', 'Break length (minutes)', breakMinutes),
    field('settings-warning', 'Warn this many seconds before the end', warning),
    h(
      'div',
      { class: 'dialog-actions' },
      h('button', { type: 'submit', class: 'primary', testid: 'settings-save' }, 'Save'),
      h('button', { type: 'button', testid: 'settings-cancel', onclick: () => dialog.close() }, 'Cancel'),
    ),
  )
  const dialog = h('dialog', { class: 'settings-dialog', testid: 'settings-dialog', 'aria-labelledby': 'settings-title' }, form)

  const openSettings = () => {
    if (!current) return
    const s = current.settings
    turn.value = String(+(s.turn_seconds / 60).toFixed(2))
    mode.value = s.mode
    timeUp.value = s.time_up
    breakEvery.value = String(s.break_every)
    breakMinutes.value = String(+(s.break_seconds / 60).toFixed(2))
    warning.value = String(s.warning_seconds)
    dialog.showModal()
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault()
    if (!current) return
    const s = current.settings
    const changed: Partial<Settings> = {}
    const turnSeconds = Math.min(1800, Math.max(10, Math.round(Number(turn.value) * 60)))
    if (Number.isFinite(turnSeconds) && turnSeconds !== s.turn_seconds) changed.turn_seconds = turnSeconds
    if (mode.value !== s.mode) changed.mode = mode.value as Settings['mode']
    if (timeUp.value !== s.time_up) changed.time_up = timeUp.value as Settings['time_up']
    const be = Math.max(0, Math.floor(Number(breakEvery.value) || 0))
    if (be !== s.break_every) changed.break_every = be
    const bs = Math.max(10, Math.round(Number(breakMinutes.value) * 60))
    if (Number.isFinite(bs) && bs !== s.break_seconds) changed.break_seconds = bs
    const ws = Math.max(0, Math.round(Number(warning.value)))
    if (Number.isFinite(ws) && ws !== s.warning_seconds) changed.warning_seconds = ws
    dialog.close()
    if (Object.keys(changed).length > 0) void act({ action: 'settings', settings: changed })
  })

  const controls = h('div', { class: 'button-row' }, start, pause, resume, next, shuffle, settingsBtn, end)
  const el = h(
    'section',
    { class: 'panel facilitator', testid: 'facilitator-controls', 'aria-labelledby': 'facilitator-title' },
    h('h2', { id: 'facilitator-title' }, 'Facilitator'),
    controls,
    h('div', { class: 'button-row' }, copyLink),
    dialog,
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
