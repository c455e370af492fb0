import assert from 'node:assert/strict'
import { test } from 'node:test'
import { settingsChanges, settingsForm, type SettingsForm } from '../src/settings-form'
import { settings } from './fixtures'

const current = settings({ turn_seconds: 300, break_seconds: 90, warning_seconds: 30, break_every: 4 })

test('the form shows lengths in minutes', () => {
  assert.deepEqual(settingsForm(current), { turnMinutes: '5', mode: 'strict', timeUp: 'rotate', breakEvery: '4', breakMinutes: '1.5', warningSeconds: '30', handOnWhenAway: true, testAtTurnEnd: false })
  assert.equal(settingsForm(settings({ turn_seconds: 100 })).turnMinutes, '1.67')
})

test('an untouched form changes nothing', () => {
  assert.deepEqual(settingsChanges(current, settingsForm(current)), {})
})

test('only the edited fields are sent, converted to seconds', () => {
  const f: SettingsForm = { ...settingsForm(current), turnMinutes: '0.5', mode: 'free', breakMinutes: '2' }
  assert.deepEqual(settingsChanges(current, f), { turn_seconds: 30, mode: 'free', break_seconds: 120 })
})

test('values are clamped to what the server accepts', () => {
  const f: SettingsForm = { ...settingsForm(current), turnMinutes: '90', breakMinutes: '0', warningSeconds: '-5', breakEvery: '2.7' }
  assert.deepEqual(settingsChanges(current, f), { turn_seconds: 1800, break_seconds: 10, warning_seconds: 0, break_every: 2 })
  assert.deepEqual(settingsChanges(current, { ...settingsForm(current), turnMinutes: '0.01' }), { turn_seconds: 10 })
})

test('a field that is not a number is left as it was', () => {
  const f: SettingsForm = { ...settingsForm(current), turnMinutes: 'soon', breakMinutes: 'x', warningSeconds: 'y' }
  assert.deepEqual(settingsChanges(current, f), {})
  // An empty "break every" means no breaks.
  assert.deepEqual(settingsChanges(current, { ...settingsForm(current), breakEvery: '' }), { break_every: 0 })
})

test('the two switches are sent only when flipped', () => {
  const f: SettingsForm = { ...settingsForm(current), handOnWhenAway: false, testAtTurnEnd: true }
  assert.deepEqual(settingsChanges(current, f), { hand_on_when_away: false, test_at_turn_end: true })
})
