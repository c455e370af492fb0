// The facilitator's settings dialog as data: settings → form fields, and form fields →
// the settings that changed. Pure, so the clamping and unit conversions are tested.

import type { Settings } from './api'

/** The dialog's fields as the inputs hold them: strings, lengths in minutes. */
export interface SettingsForm {
  turnMinutes: string
  mode: string
  timeUp: string
  breakEvery: string
  breakMinutes: string
  warningSeconds: string
  /** Checkboxes: hand an away driver's turn on; run the tests when a turn ends. */
  handOnWhenAway: boolean
  testAtTurnEnd: boolean
}

const minutes = (seconds: number) => String(+(seconds / 60).toFixed(2))

export function settingsForm(s: Settings): SettingsForm {
  return {
    turnMinutes: minutes(s.turn_seconds),
    mode: s.mode,
    timeUp: s.time_up,
    breakEvery: String(s.break_every),
    breakMinutes: minutes(s.break_seconds),
    warningSeconds: String(s.warning_seconds),
    handOnWhenAway: s.hand_on_when_away,
    testAtTurnEnd: s.test_at_turn_end,
  }
}

/**
 * Only the fields that differ from `s`, clamped to what the server accepts (turns of
 * 10 s to 30 min, breaks of at least 10 s). A field that is not a number is left alone.
 */
export function settingsChanges(s: Settings, f: SettingsForm): Partial<Settings> {
  const changed: Partial<Settings> = {}
  const turnSeconds = Math.min(1800, Math.max(10, Math.round(Number(f.turnMinutes) * 60)))
  if (Number.isFinite(turnSeconds) && turnSeconds !== s.turn_seconds) changed.turn_seconds = turnSeconds
  if (f.mode !== s.mode) changed.mode = f.mode as Settings['mode']
  if (f.timeUp !== s.time_up) changed.time_up = f.timeUp as Settings['time_up']
  const breakEvery = Math.max(0, Math.floor(Number(f.breakEvery) || 0))
  if (breakEvery !== s.break_every) changed.break_every = breakEvery
  const breakSeconds = Math.max(10, Math.round(Number(f.breakMinutes) * 60))
  if (Number.isFinite(breakSeconds) && breakSeconds !== s.break_seconds) changed.break_seconds = breakSeconds
  const warning = Math.max(0, Math.round(Number(f.warningSeconds)))
  if (Number.isFinite(warning) && warning !== s.warning_seconds) changed.warning_seconds = warning
  if (f.handOnWhenAway !== s.hand_on_when_away) changed.hand_on_when_away = f.handOnWhenAway
  if (f.testAtTurnEnd !== s.test_at_turn_end) changed.test_at_turn_end = f.testAtTurnEnd
  return changed
}
