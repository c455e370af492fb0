// The facilitator's "Room settings" dialog. The field ↔ settings conversions are pure
// (settings-form.ts); this is only the form.

import type { Settings } from './api'
import { h } from './dom'
import { settingsChanges, settingsForm, type SettingsForm } from './settings-form'

export interface SettingsDialog {
  el: HTMLDialogElement
  /** Show the dialog filled with the current settings. */
  open(): void
}

const option = (value: string, label: string) => h('option', { value }, label)
const number = (id: string, testid: string, min: string, max: string, step: string) => h('input', { id, type: 'number', min, max, step, testid })
const field = (id: string, label: string, input: HTMLElement) => h('div', { class: 'field' }, h('label', { for: id }, label), input)

/**
 * `current` gives the room's settings as they are now (null before the room is known);
 * `onSave` gets only those that the form changes, and is not called when none do.
 */
export function createSettingsDialog(current: () => Settings | null, onSave: (changed: Partial<Settings>) => void): SettingsDialog {
  const turn = number('settings-turn', 'settings-turn-minutes', '0.25', '30', 'any')
  const mode = h('select', { id: 'settings-mode', testid: 'settings-mode' }, option('strict', 'Strict: only the driver types'), option('free', 'Free: everyone types'))
  const timeUp = h(
    'select',
    { id: 'settings-time-up', testid: 'settings-time-up' },
    option('rotate', 'Rotate at once'),
    option('on_green', 'Rotate at the next green run'),
    option('facilitator', 'Wait for the facilitator'),
  )
  const breakEvery = number('settings-break-every', 'settings-break-every', '0', '100', '1')
  const breakMinutes = number('settings-break-minutes', 'settings-break-minutes', '0.5', '60', 'any')
  const warning = number('settings-warning', 'settings-warning-seconds', '0', '600', '1')
  const handOn = h('input', { id: 'settings-hand-on', type: 'checkbox', testid: 'settings-hand-on' })
  const testAtEnd = h('input', { id: 'settings-test-at-end', type: 'checkbox', testid: 'settings-test-at-end' })
  const check = (id: string, label: string, input: HTMLInputElement) => h('div', { class: 'field check' }, input, h('label', { for: id }, label))
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
    check('settings-hand-on', 'Hand the turn on when the driver is away for 30 s', handOn),
    check('settings-test-at-end', 'Run the tests when a turn ends', testAtEnd),
    h(
      'div',
      { class: 'dialog-actions' },
      h('button', { type: 'submit', class: 'primary', testid: 'settings-save' }, 'Save'),
      h('button', { type: 'button', testid: 'settings-cancel', onclick: () => el.close() }, 'Cancel'),
    ),
  )
  const el = h('dialog', { class: 'settings-dialog', testid: 'settings-dialog', 'aria-labelledby': 'settings-title' }, form)
  const read = (): SettingsForm => ({ turnMinutes: turn.value, mode: mode.value, timeUp: timeUp.value, breakEvery: breakEvery.value, breakMinutes: breakMinutes.value, warningSeconds: warning.value, handOnWhenAway: handOn.checked, testAtTurnEnd: testAtEnd.checked })
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    const settings = current()
    if (!settings) return
    const changed = settingsChanges(settings, read())
    el.close()
    if (Object.keys(changed).length > 0) onSave(changed)
  })
  const open = () => {
    const settings = current()
    if (!settings) return
    const f = settingsForm(settings)
    ;[turn.value, mode.value, timeUp.value, breakEvery.value, breakMinutes.value, warning.value] = [f.turnMinutes, f.mode, f.timeUp, f.breakEvery, f.breakMinutes, f.warningSeconds]
    handOn.checked = f.handOnWhenAway
    testAtEnd.checked = f.testAtTurnEnd
    el.showModal()
  }
  return { el, open }
}
