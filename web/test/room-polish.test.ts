// The room page's new signals: following the driver's cursor (and pausing it), the
// "has the keyboard" notice, the warning's real remaining time, an honest connection
// line, zoom, and the projector's one-line join address.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { shortJoinText } from '../src/links'
import type { RoomAction } from '../src/room/model/actions'
import { remainingWords, warningMessage } from '../src/room/model/announcements'
import { connectionView } from '../src/room/model/connection'
import { cursorOf, followMode, followTarget, followedTab } from '../src/room/model/follow'
import { isTypingKey, keyboardNotice } from '../src/room/model/keyboard'
import { roomReducer } from '../src/room/model/reducer'
import { runStatusView } from '../src/room/model/run-status'
import type { PresenceEntry, RoomState } from '../src/room/model/state'
import { ada, bob, cy, room, rotation, run, runsOf, state } from './fixtures'

const reduce = (s: RoomState, ...actions: RoomAction[]) => actions.reduce(roomReducer, s)
const synced = { status: 'connected' as const, synced: true, detail: '' }
const at = (id: string, tab: 'solution' | 'tests', head: number, anchor = head): PresenceEntry => ({ id, name: id, color: '#000000', tab, head, anchor })
// Bob drives; we are Ada (navigating).
const bobDrives = room({ rotation: rotation({ driver: bob.id, navigator: ada.id, next: cy.id }) })

test('following targets the driver’s cursor and selection, in their file', () => {
  const s = state({ room: bobDrives, presence: [at(cy.id, 'solution', 3), at(bob.id, 'tests', 120, 100)] })
  assert.deepEqual(followTarget(s), { tab: 'tests', anchor: 100, head: 120 })
  assert.equal(followedTab(s), 'tests')
  assert.equal(cursorOf(s.presence, bob.id)?.head, 120)
  assert.equal(cursorOf(s.presence, null), null)
})

test('nothing is followed when we drive, when off, or while paused', () => {
  const presence = [at(ada.id, 'tests', 5), at(bob.id, 'solution', 9)]
  assert.equal(followTarget(state({ presence })), null, 'Ada drives herself')
  assert.equal(followTarget(state({ room: bobDrives, presence, followDriver: false })), null)
  assert.equal(followTarget(state({ room: bobDrives, presence, followPaused: true })), null)
  assert.equal(followedTab(state({ room: bobDrives, presence: [at(bob.id, 'tests', 1)], followPaused: true })), null)
})

test('our own scrolling pauses following; Resume goes back to the driver’s file', () => {
  const presence = [at(bob.id, 'tests', 40)]
  let s = reduce(state({ room: bobDrives }), { type: 'presence', presence })
  assert.equal(s.activeTab, 'tests', 'followed to the driver’s file')
  assert.equal(followMode(s), 'on')
  s = reduce(s, { type: 'follow-pause' }, { type: 'tab', tab: 'solution' })
  assert.equal(followMode(s), 'paused')
  assert.equal(reduce(s, { type: 'presence', presence: [at(bob.id, 'tests', 41)] }).activeTab, 'solution', 'paused: stays')
  s = reduce(s, { type: 'follow-resume' })
  assert.equal(followMode(s), 'on')
  assert.equal(s.activeTab, 'tests')
})

test('pausing needs someone to follow; turning follow off and on clears a pause', () => {
  const mine = state({ sync: synced })
  assert.equal(reduce(mine, { type: 'follow-pause' }), mine, 'the driver follows nobody')
  const off = state({ room: bobDrives, followDriver: false })
  assert.equal(reduce(off, { type: 'follow-pause' }), off)
  assert.equal(followMode(off), 'off')
  const paused = reduce(state({ room: bobDrives }), { type: 'follow-pause' })
  assert.equal(followMode(reduce(paused, { type: 'follow', on: false })), 'off')
  assert.equal(followMode(reduce(paused, { type: 'follow', on: false }, { type: 'follow', on: true })), 'on')
})

test('a new driver ends a pause', () => {
  const paused = reduce(state({ room: bobDrives }), { type: 'follow-pause' })
  assert.equal(paused.followPaused, true)
  const cyDrives = rotation({ driver: cy.id, navigator: ada.id, next: bob.id })
  assert.equal(reduce(paused, { type: 'rotation', rotation: cyDrives }).followPaused, false)
  assert.equal(reduce(paused, { type: 'rotation', rotation: rotation({ driver: bob.id, navigator: ada.id, turn: 2 }) }).followPaused, true, 'same driver')
})

test('typing keys count as refused; shortcuts and moving keys do not', () => {
  const k = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({ key, ctrlKey: false, metaKey: false, altKey: false, ...mods })
  for (const key of ['a', 'Z', ' ', '1', 'é', 'Backspace', 'Delete', 'Enter']) assert.equal(isTypingKey(k(key)), true, key)
  for (const key of ['ArrowDown', 'PageUp', 'Tab', 'Escape', 'Shift', 'F5']) assert.equal(isTypingKey(k(key)), false, key)
  assert.equal(isTypingKey(k('c', { ctrlKey: true })), false, 'copy')
  assert.equal(isTypingKey(k('a', { metaKey: true })), false, 'select all')
})

test('the keyboard notice names the driver, or says why nobody types', () => {
  assert.equal(keyboardNotice(state({ room: bobDrives, sync: synced })), 'Bob has the keyboard')
  assert.equal(keyboardNotice(state({ sync: synced }, null)), 'You are watching: join the room to type')
  assert.equal(keyboardNotice(state({ room: bobDrives })), 'One moment: the code is still syncing')
  assert.equal(keyboardNotice(state({ sync: synced, room: room({ rotation: rotation({ status: 'break' }) }) }, bob.id)), 'Nobody types during the break')
  assert.equal(keyboardNotice(state({ sync: synced, room: room({ rotation: rotation({ driver: null, status: 'waiting' }) }) }, bob.id)), 'Nobody has the keyboard yet')
  assert.equal(reduce(state(), { type: 'key-refused' }, { type: 'key-refused' }).refusedKeys, 2)
})

test('the warning says the time really left, in words', () => {
  assert.equal(remainingWords(45_000), '45 seconds')
  assert.equal(remainingWords(44_200), '45 seconds', 'rounded up, as the countdown')
  assert.equal(remainingWords(1_000), '1 second')
  assert.equal(remainingWords(60_000), '1 minute')
  assert.equal(remainingWords(90_000), '1 minute 30 seconds')
  assert.equal(remainingWords(121_000), '2 minutes 1 second')
  assert.equal(remainingWords(-5), '0 seconds')
  assert.equal(warningMessage(29_000), '29 seconds left in this turn.')
})

test('offline is said at once, whatever the sockets think', () => {
  const v = connectionView(synced, { kind: 'open' }, 0, false)
  assert.equal(v.state, 'offline')
  assert.match(v.syncText, /^Code: offline/)
  assert.equal(v.eventsText, 'Events: offline')
  assert.equal(connectionView(synced, { kind: 'open' }, 0, true).state, 'online')
  assert.equal(reduce(state(), { type: 'online', online: false }).online, false)
})

test('while the events socket reconnects (a missed heartbeat) the code is not "synced"', () => {
  assert.equal(connectionView(synced, { kind: 'connecting', attempt: 1 }, 0).syncText, 'Code: connecting…')
  assert.equal(connectionView(synced, { kind: 'waiting', attempt: 1, retryAt: 1000 }, 0).syncText, 'Code: connecting…')
  assert.equal(connectionView({ status: 'connecting', synced: false, detail: '' }, { kind: 'open' }, 0).syncText, 'Code: connecting…')
})

test('zoom is part of the state', () => {
  assert.equal(reduce(state(), { type: 'zoom', zoom: 1.5 }).zoom, 1.5)
  const s = state()
  assert.equal(reduce(s, { type: 'zoom', zoom: s.zoom }), s)
})

test('run bar labels carry no emoji: the icons are named', () => {
  const busy = state({ myRunId: 'r1', runs: runsOf(run({ id: 'r1', status: 'running' })) })
  for (const v of [runStatusView(state()), runStatusView(busy)]) {
    assert.doesNotMatch(`${v.runLabel}${v.submitLabel}`, /\p{Extended_Pictographic}/u)
  }
  assert.equal(runStatusView(busy).runIcon, 'hourglass')
})

test('the projector’s join address drops the scheme', () => {
  assert.equal(shortJoinText('http://127.0.0.1:8080/r/abc'), '127.0.0.1:8080/r/abc')
  assert.equal(shortJoinText('https://dojo.example.org/r/abc'), 'dojo.example.org/r/abc')
  assert.equal(shortJoinText('dojo.example.org/r/abc'), 'dojo.example.org/r/abc')
})
