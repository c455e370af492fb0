// The room page's derived views: banner words, editability, connection, run bar, toasts.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { nextLastRole, refusalIsOurs, roleToast, timeUpMessage } from '../src/room/model/announcements'
import { bannerView } from '../src/room/model/banner'
import { connectionView } from '../src/room/model/connection'
import { editability } from '../src/room/model/editability'
import { followedTab, presenceByTab } from '../src/room/model/follow'
import { nameIn } from '../src/room/model/names'
import { runStatusView } from '../src/room/model/run-status'
import { latestDone, pendingRuns, runRefusal, shownRun } from '../src/room/model/runs'
import { tabForKey } from '../src/room/model/tab-keys'
import { ada, bob, cy, room, rotation, run, runsOf, settings, state } from './fixtures'

const synced = { status: 'connected' as const, synced: true, detail: '' }

test('the banner tells the driver whom to listen to', () => {
  assert.deepEqual(bannerView(room(), ada.id), { role: 'driving', status: 'running', pill: 'driving', text: 'You are driving. Type what Bob suggests.' })
  assert.equal(bannerView(room({ rotation: rotation({ navigator: null }) }), ada.id).text, 'You are driving.')
})

test('the banner tells the navigator and the next up who drives', () => {
  assert.equal(bannerView(room(), bob.id).text, 'You are navigating. Guide Ada Lovelace in words.')
  const next = bannerView(room(), cy.id)
  assert.equal(next.pill, 'next up')
  assert.equal(next.text, 'You are next up. Ada Lovelace drives, Bob navigates.')
})

test('watchers are told who drives, joined or not', () => {
  assert.equal(bannerView(room(), 'p-zed').text, 'You are watching. Ada Lovelace drives, Bob navigates.')
  assert.equal(bannerView(room(), null).text, 'You are watching: Ada Lovelace drives, Bob navigates.')
  const nobody = room({ rotation: rotation({ driver: null, navigator: null }) })
  assert.equal(bannerView(nobody, null).text, 'You are watching.')
})

test('the banner leads with the status and speaks of after the break', () => {
  const brk = room({ rotation: rotation({ status: 'break' }) })
  assert.equal(bannerView(brk, ada.id).text, 'Break time! You drive after the break.')
  assert.equal(bannerView(brk, cy.id).text, 'Break time! After the break Ada Lovelace drives, Bob navigates.')
  assert.equal(bannerView(room({ rotation: rotation({ status: 'paused' }) }), bob.id).text, 'Paused. You are navigating. Guide Ada Lovelace in words.')
  assert.equal(bannerView(room({ settings: settings({ mode: 'free' }) }), ada.id).text, 'You are driving. Type what Bob suggests. (free mode: everyone may type)')
})

test('editable only for the driver, once synced', () => {
  assert.deepEqual(editability(state({ sync: synced })), { editable: true, why: '', followHidden: true })
  assert.deepEqual(editability(state()), { editable: false, why: 'Read-only until synced', followHidden: true })
})

test('the read-only reason says why', () => {
  assert.equal(editability(state({ sync: synced }, null)).why, 'Read-only: you are watching')
  assert.equal(editability(state({ sync: synced }, bob.id)).why, 'Read-only: Ada Lovelace drives')
  assert.equal(editability(state({ sync: synced }, bob.id)).followHidden, false)
  const ended = room({ rotation: rotation({ status: 'ended' }) })
  assert.equal(editability(state({ sync: synced, room: ended })).why, 'Read-only: the session has ended')
  const brk = room({ rotation: rotation({ status: 'break' }) })
  assert.equal(editability(state({ sync: synced, room: brk })).why, 'Read-only during the break')
})

test('the connection is online only with both sockets up', () => {
  const v = connectionView(synced, { kind: 'open' }, 0)
  assert.deepEqual(v, { state: 'online', syncText: 'Code: synced', eventsText: 'Events: live', canRetry: false })
  assert.equal(connectionView({ ...synced, synced: false }, { kind: 'open' }, 0).syncText, 'Code: syncing…')
  assert.equal(connectionView(synced, { kind: 'connecting', attempt: 0 }, 0).state, 'degraded')
})

test('a waiting events socket counts down its retry and offers to retry now', () => {
  const v = connectionView({ status: 'disconnected', synced: false, detail: 'closed 4401: bad token' }, { kind: 'waiting', attempt: 2, retryAt: 10_500 }, 8_000)
  assert.deepEqual(v, { state: 'degraded', syncText: 'Code: disconnected (closed 4401: bad token)', eventsText: 'Events: retry in 3s (attempt 2)', canRetry: true })
  assert.equal(connectionView(synced, { kind: 'waiting', attempt: 1, retryAt: 0 }, 5000).eventsText, 'Events: retry in 0s (attempt 1)')
  assert.equal(connectionView(synced, { kind: 'closed' }, 0).eventsText, 'Events: closed')
})

test('the run bar is idle with nothing pending, and hides Submit without a kata', () => {
  assert.deepEqual(runStatusView(state()), { busy: false, submitHidden: false, state: 'idle', text: '', runLabel: 'Run tests', submitLabel: 'Submit', runIcon: 'play', submitIcon: 'star' })
  assert.equal(runStatusView(state({ room: room({ kata: null }) })).submitHidden, true)
})

test('the run bar follows our own run through sending, queue and running', () => {
  assert.deepEqual(runStatusView(state({ myRunRequested: true })).text, 'Sending…')
  const queued = state({ myRunId: 'r1', runs: runsOf(run({ id: 'r1', status: 'queued' })), queuePositions: new Map([['r1', 2]]) })
  assert.deepEqual(runStatusView(queued), { busy: true, submitHidden: false, state: 'queued', text: 'Tests queued (position 2)…', runLabel: 'Queued…', submitLabel: 'Submit', runIcon: 'hourglass', submitIcon: 'star' })
  const judging = state({ myRunId: 'r1', runs: runsOf(run({ id: 'r1', kind: 'submit', status: 'running' })) })
  assert.deepEqual(runStatusView(judging), { busy: true, submitHidden: false, state: 'running', text: 'Judging the submission…', runLabel: 'Run tests', submitLabel: 'Judging…', runIcon: 'play', submitIcon: 'hourglass' })
})

test('someone else’s pending run shows without making us busy', () => {
  const s = state({ runs: runsOf(run({ id: 'b', status: 'running', requested_by: bob.id, created_at_ms: 5 }), run({ id: 'c', status: 'queued', requested_by: cy.id, created_at_ms: 9 })) })
  const v = runStatusView(s)
  assert.equal(v.busy, false)
  assert.equal(v.text, "Bob's tests: running…")
  assert.equal(v.state, 'running')
})

test('a run is refused to watchers, to submissions without a kata, and while ours is pending', () => {
  assert.equal(runRefusal(state({}, null), 'test'), 'watching')
  assert.equal(runRefusal(state({ room: room({ kata: null }) }), 'submit'), 'no-kata')
  assert.equal(runRefusal(state({ room: room({ kata: null }) }), 'test'), null)
  assert.equal(runRefusal(state({ myRunId: 'r1', runs: runsOf(run({ id: 'r1', status: 'queued' })) }), 'test'), 'busy')
  assert.equal(runRefusal(state({ myRunId: 'r1', runs: runsOf(run({ id: 'r1', status: 'done' })) }), 'test'), null)
})

test('the results panel shows the selected run, else the latest finished one', () => {
  const runs = runsOf(run({ id: 'a', created_at_ms: 1 }), run({ id: 'b', created_at_ms: 3 }), run({ id: 'p', status: 'queued', created_at_ms: 9 }))
  assert.equal(latestDone(runs)?.id, 'b')
  assert.deepEqual(pendingRuns(runs).map((r) => r.id), ['p'])
  assert.deepEqual(shownRun(state({ runs })), { run: runs.get('b'), latest: true })
  assert.deepEqual(shownRun(state({ runs, selectedRunId: 'a' })), { run: runs.get('a'), latest: false })
  assert.deepEqual(shownRun(state({ runs, selectedRunId: 'gone' })), { run: runs.get('b'), latest: true })
  assert.deepEqual(shownRun(state()), { run: null, latest: true })
})

test('the remembered role waits for the first hello', () => {
  assert.equal(nextLastRole(null, false, 'driving'), null)
  assert.equal(nextLastRole(null, true, 'driving'), 'driving')
  assert.equal(nextLastRole('next', false, 'driving'), 'driving')
})

test('role changes are announced; the first known role and watching are not', () => {
  assert.deepEqual(roleToast('navigating', 'driving'), { message: 'You are driving now.', kind: 'success' })
  assert.deepEqual(roleToast('next', 'navigating'), { message: 'You are navigating now.', kind: 'info' })
  assert.deepEqual(roleToast('watching', 'next'), { message: 'You are next up.', kind: 'info' })
  assert.equal(roleToast(null, 'driving'), null)
  assert.equal(roleToast('driving', 'driving'), null)
  assert.equal(roleToast('driving', 'watching'), null)
})

test('the time-up message says what happens next', () => {
  const names = (id: string | null | undefined) => nameIn([ada, bob], id)
  assert.equal(timeUpMessage(rotation({ status: 'waiting' }), settings({ time_up: 'on_green' }), names), 'Rotating at the next green test run.')
  assert.equal(timeUpMessage(rotation({ status: 'waiting' }), settings({ time_up: 'facilitator' }), names), 'Waiting for the facilitator.')
  assert.equal(timeUpMessage(rotation({ status: 'break', driver: bob.id }), settings(), names), 'Break time! Then Bob drives.')
  assert.equal(timeUpMessage(rotation({ driver: bob.id, navigator: ada.id }), settings(), names), 'Bob drives now, Ada Lovelace navigates.')
  assert.equal(timeUpMessage(rotation({ driver: bob.id, navigator: null }), settings(), names), 'Bob drives now.')
})

test('an edit refusal is ours when it names us, or names nobody and we may not edit', () => {
  assert.equal(refusalIsOurs(state({}, bob.id), bob.id), true)
  assert.equal(refusalIsOurs(state({}, bob.id), ada.id), false)
  assert.equal(refusalIsOurs(state({}, bob.id), null), true, 'Bob may not edit while Ada drives')
  assert.equal(refusalIsOurs(state({}, ada.id), undefined), false, 'Ada drives')
  assert.equal(refusalIsOurs(state({}, null), null), false, 'watchers never edit')
})

test('names: nobody for no id, someone for an unknown one', () => {
  assert.equal(nameIn([ada], ada.id), 'Ada Lovelace')
  assert.equal(nameIn([ada], 'p-gone'), 'someone')
  assert.equal(nameIn([ada], null), 'nobody')
})

test('presence is grouped by file, in order', () => {
  const p = (id: string, tab: 'solution' | 'tests') => ({ id, name: id, color: '#000', tab, head: 0, anchor: 0 })
  const byTab = presenceByTab([p('a', 'tests'), p('b', 'solution'), p('c', 'tests')])
  assert.deepEqual(byTab.solution.map((x) => x.id), ['b'])
  assert.deepEqual(byTab.tests.map((x) => x.id), ['a', 'c'])
})

test('nobody is followed when we drive or the driver has no cursor', () => {
  const bobInTests = [{ id: bob.id, name: 'Bob', color: '#000', tab: 'tests' as const, head: 0, anchor: 0 }]
  assert.equal(followedTab(state({ presence: bobInTests })), null, 'Ada drives herself')
  // Ada's own second tab, in the tests file, is not someone to follow.
  const adaElsewhere = [{ id: ada.id, name: 'Ada', color: '#000', tab: 'tests' as const, head: 0, anchor: 0 }]
  assert.equal(followedTab(state({ presence: adaElsewhere })), null)
  const bobDrives = room({ rotation: rotation({ driver: bob.id }) })
  assert.equal(followedTab(state({ room: bobDrives, presence: [] })), null)
  assert.equal(followedTab(state({ room: bobDrives, presence: bobInTests })), 'tests')
  assert.equal(followedTab(state({ room: bobDrives, presence: bobInTests, activeTab: 'tests' })), null, 'already there')
})

test('arrow keys wrap around the tabs; Home and End go to the ends', () => {
  assert.equal(tabForKey('ArrowRight', 'solution'), 'tests')
  assert.equal(tabForKey('ArrowRight', 'tests'), 'solution')
  assert.equal(tabForKey('ArrowLeft', 'solution'), 'tests')
  assert.equal(tabForKey('Home', 'tests'), 'solution')
  assert.equal(tabForKey('End', 'solution'), 'tests')
  assert.equal(tabForKey('Enter', 'solution'), null)
})
