import assert from 'node:assert/strict'
import { test } from 'node:test'
import { countdownView } from '../src/countdown-view'
import { rotation, settings } from './fixtures'

const at = (t: number) => ({ now: () => t })

test('without a rotation the countdown waits for the connection', () => {
  assert.deepEqual(countdownView(null, null, at(0)), { state: 'idle', remainingMs: null, text: '–:––', caption: 'connecting…' })
})

test('before the start it shows the full turn length', () => {
  const v = countdownView(rotation({ status: 'idle' }), settings({ turn_seconds: 90 }), at(0))
  assert.deepEqual(v, { state: 'idle', remainingMs: null, text: '1:30', caption: 'not started' })
})

test('a running turn counts down to the deadline on the server clock', () => {
  const v = countdownView(rotation({ deadline_ms: 10_000 + 125_000, turn: 3 }), settings(), at(10_000))
  assert.deepEqual(v, { state: 'running', remainingMs: 125_000, text: '2:05', caption: 'turn 3' })
})

test('past the deadline it stays at zero', () => {
  const v = countdownView(rotation({ deadline_ms: 5_000 }), settings(), at(9_000))
  assert.equal(v.remainingMs, 0)
  assert.equal(v.text, '0:00')
})

test('without a deadline the remaining time is used', () => {
  const v = countdownView(rotation({ deadline_ms: null, remaining_ms: 61_000 }), settings(), at(0))
  assert.equal(v.text, '1:01')
})

test('the warning state starts at the warning lead', () => {
  const s = settings({ warning_seconds: 30 })
  assert.equal(countdownView(rotation({ deadline_ms: 30_001 }), s, at(0)).state, 'running')
  assert.equal(countdownView(rotation({ deadline_ms: 30_000 }), s, at(0)).state, 'warning')
})

test('the warning lead scales to the turn, as on the server', () => {
  // 20 s turns with a 60 s warning: the warning starts 5 s before the end, not at once.
  const s = settings({ turn_seconds: 20, warning_seconds: 60 })
  assert.equal(countdownView(rotation({ deadline_ms: 19_000 }), s, at(0)).state, 'running')
  assert.equal(countdownView(rotation({ deadline_ms: 5_500 }), s, at(0)).state, 'running')
  assert.equal(countdownView(rotation({ deadline_ms: 5_000 }), s, at(0)).state, 'warning')
})

test('paused shows the frozen remaining time, ignoring the deadline', () => {
  const v = countdownView(rotation({ status: 'paused', remaining_ms: 42_000, deadline_ms: 1 }), settings(), at(0))
  assert.deepEqual(v, { state: 'paused', remainingMs: 42_000, text: '0:42', caption: 'paused' })
})

test('a break counts down its own deadline', () => {
  const v = countdownView(rotation({ status: 'break', deadline_ms: 60_000 }), settings(), at(0))
  assert.deepEqual(v, { state: 'break', remainingMs: 60_000, text: '1:00', caption: 'break' })
})

test('waiting after time up says what it waits for', () => {
  const waiting = rotation({ status: 'waiting' })
  assert.equal(countdownView(waiting, settings({ time_up: 'on_green' }), at(0)).caption, "time's up: rotating at the next green run")
  assert.equal(countdownView(waiting, settings({ time_up: 'facilitator' }), at(0)).caption, "time's up: waiting for the facilitator")
  assert.equal(countdownView(waiting, settings({ time_up: 'rotate' }), at(0)).caption, "time's up")
  assert.equal(countdownView(waiting, settings(), at(0)).text, '0:00')
})

test('after the end no clock runs', () => {
  assert.deepEqual(countdownView(rotation({ status: 'ended' }), settings(), at(0)), { state: 'ended', remainingMs: null, text: '–:––', caption: 'session ended' })
})
