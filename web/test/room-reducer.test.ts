import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { RoomAction } from '../src/room/model/actions'
import { roomReducer } from '../src/room/model/reducer'
import type { RoomState } from '../src/room/model/state'
import type { Run } from '../src/api'
import { ada, bob, cy, room, rotation, run, runsOf, state } from './fixtures'

const reduce = (s: RoomState, ...actions: RoomAction[]) => actions.reduce(roomReducer, s)

test('roles are not announced before the first hello, then always follow the rotation', () => {
  // Bob drives in this rotation; we are Bob.
  const bobDrives = rotation({ driver: bob.id, navigator: ada.id, next: cy.id })
  let s = reduce(state({}, bob.id), { type: 'room', room: room() })
  assert.equal(s.lastRole, null, 'a room event before hello')
  s = reduce(s, { type: 'hello', room: room() })
  assert.equal(s.helloSeen, true)
  assert.equal(s.lastRole, 'navigating')
  s = reduce(s, { type: 'rotation', rotation: bobDrives })
  assert.equal(s.lastRole, 'driving')
})

test('a rotation replaces only the rotation of the room', () => {
  const s0 = state()
  const rot = rotation({ status: 'paused', turn: 7 })
  const s = reduce(s0, { type: 'rotation', rotation: rot })
  assert.equal(s.room.rotation, rot)
  assert.equal(s.room.participants, s0.room.participants, 'participants keep their identity')
  assert.equal(s.room.settings, s0.room.settings)
})

test('runs are merged by id, and a late "queued" never overwrites "done"', () => {
  const done = run({ id: 'r1', status: 'done', verdict: 'failed', light: 'red' })
  let s = reduce(state(), { type: 'run-finished', run: done })
  s = reduce(s, { type: 'run-queued', run: run({ id: 'r1', status: 'queued', verdict: undefined, light: undefined }) })
  assert.equal(s.runs.get('r1')?.status, 'done')
  assert.equal(s.runs.get('r1')?.verdict, 'failed')
  assert.equal(reduce(s, { type: 'run-started', run: run({ id: 'r1', status: 'running' }) }), s, 'nothing changed')
})

test('a run update keeps fields the newer message leaves out', () => {
  const started = { id: 'r1', kind: 'test', status: 'running', requested_by: ada.id, driver: ada.id, turn: 1, created_at_ms: 100, results: [] as Run['results'] } as const
  const s = reduce(state(), { type: 'run-queued', run: { ...started, status: 'queued', seed: 7 } }, { type: 'run-started', run: started })
  assert.equal(s.runs.get('r1')?.status, 'running')
  assert.equal(s.runs.get('r1')?.seed, 7)
})

test('loading the run list merges it into what the events already brought', () => {
  const s0 = reduce(state(), { type: 'run-finished', run: run({ id: 'r2', created_at_ms: 200 }) })
  const s = reduce(s0, { type: 'runs-loaded', runs: [run({ id: 'r1', created_at_ms: 100 }), run({ id: 'r2', status: 'queued' })] })
  assert.deepEqual([...s.runs.keys()].sort(), ['r1', 'r2'])
  assert.equal(s.runs.get('r2')?.status, 'done')
  assert.equal(reduce(s, { type: 'runs-loaded', runs: [] }), s, 'nothing new, same state')
})

test('our own queued run becomes "my run" unless we already have one', () => {
  let s = reduce(state(), { type: 'run-queued', run: run({ id: 'theirs', status: 'queued', requested_by: bob.id }) })
  assert.equal(s.myRunId, null)
  s = reduce(s, { type: 'run-queued', run: run({ id: 'mine', status: 'queued', requested_by: ada.id }), queuePosition: 2 })
  assert.equal(s.myRunId, 'mine')
  assert.equal(s.queuePositions.get('mine'), 2)
  s = reduce(s, { type: 'run-queued', run: run({ id: 'mine-2', status: 'queued', requested_by: ada.id }) })
  assert.equal(s.myRunId, 'mine')
})

test('a watcher has no own runs', () => {
  const s = reduce(state({}, null), { type: 'run-queued', run: run({ id: 'x', status: 'queued', requested_by: ada.id }) })
  assert.equal(s.myRunId, null)
})

test('an accepted request adds a placeholder run until the server announces it', () => {
  let s = reduce(state(), { type: 'run-requested' })
  assert.equal(s.myRunRequested, true)
  s = reduce(s, { type: 'run-accepted', runId: 'r9', kind: 'submit', queuePosition: 3, atMs: 5000 })
  assert.equal(s.myRunRequested, false)
  assert.equal(s.myRunId, 'r9')
  assert.equal(s.queuePositions.get('r9'), 3)
  assert.deepEqual(s.runs.get('r9'), { id: 'r9', kind: 'submit', status: 'queued', requested_by: ada.id, driver: ada.id, turn: 1, created_at_ms: 5000, results: [] })
})

test('an accepted request keeps the run the events socket already brought', () => {
  const announced = run({ id: 'r9', status: 'running' })
  const s = reduce(state(), { type: 'run-started', run: announced }, { type: 'run-accepted', runId: 'r9', kind: 'test', queuePosition: 1, atMs: 1 })
  assert.equal(s.runs.get('r9')?.status, 'running')
})

test('a refused request clears the pending flag', () => {
  const s = reduce(state(), { type: 'run-requested' }, { type: 'run-refused' })
  assert.equal(s.myRunRequested, false)
})

test('picking a light selects it; the same light or the latest goes back to following', () => {
  const s0 = state({ runs: runsOf(run({ id: 'old', created_at_ms: 1 }), run({ id: 'new', created_at_ms: 2 })) })
  const s1 = reduce(s0, { type: 'select-run', runId: 'old' })
  assert.equal(s1.selectedRunId, 'old')
  assert.equal(reduce(s1, { type: 'select-run', runId: 'old' }).selectedRunId, null)
  assert.equal(reduce(s1, { type: 'select-run', runId: 'new' }).selectedRunId, null)
})

test('the selected run finishing clears the selection; another run finishing does not', () => {
  const s0 = state({ selectedRunId: 'r1' })
  assert.equal(reduce(s0, { type: 'run-finished', run: run({ id: 'r2' }) }).selectedRunId, 'r1')
  assert.equal(reduce(s0, { type: 'run-finished', run: run({ id: 'r1' }) }).selectedRunId, null)
})

test('following the driver switches to the file their cursor is in', () => {
  // Bob drives; we are Ada, on the solution tab; Bob's cursor is in the tests.
  const s0 = reduce(state(), { type: 'rotation', rotation: rotation({ driver: bob.id, navigator: ada.id }) })
  const s = reduce(s0, { type: 'presence', presence: [{ id: bob.id, name: 'Bob', color: '#000', tab: 'tests', head: 0, anchor: 0 }] })
  assert.equal(s.activeTab, 'tests')
  const off = reduce({ ...s0, followDriver: false }, { type: 'presence', presence: [{ id: bob.id, name: 'Bob', color: '#000', tab: 'tests', head: 0, anchor: 0 }] })
  assert.equal(off.activeTab, 'solution')
})

test('a new driver is followed at once, from the presence already known', () => {
  const s0 = reduce(state(), { type: 'presence', presence: [{ id: cy.id, name: 'Cy', color: '#000', tab: 'tests', head: 0, anchor: 0 }] })
  assert.equal(s0.activeTab, 'solution', 'Ada drives: nobody to follow')
  const s = reduce(s0, { type: 'rotation', rotation: rotation({ driver: cy.id }) })
  assert.equal(s.activeTab, 'tests')
})

test('a tab picked by hand is kept until the driver’s cursor moves', () => {
  const presence = [{ id: bob.id, name: 'Bob', color: '#000', tab: 'tests' as const, head: 0, anchor: 0 }]
  const s0 = reduce(state(), { type: 'rotation', rotation: rotation({ driver: bob.id }) }, { type: 'presence', presence })
  const s = reduce(s0, { type: 'tab', tab: 'solution' })
  assert.equal(s.activeTab, 'solution')
  assert.equal(reduce(s, { type: 'presence', presence: [...presence] }), s, 'the same presence changes nothing')
  assert.equal(reduce(s, { type: 'presence', presence: [{ ...presence[0], name: 'Bobby' }] }).activeTab, 'tests')
})

test('view and connection actions set their field, and no-ops return the state itself', () => {
  const s0 = state()
  assert.equal(reduce(s0, { type: 'tab', tab: 'solution' }), s0)
  assert.equal(reduce(s0, { type: 'entry', entry: null }), s0)
  assert.equal(reduce(s0, { type: 'statement-hidden', hidden: true }).statementHidden, true)
  assert.equal(reduce(s0, { type: 'facilitator-busy', busy: true }).facilitatorBusy, true)
  assert.equal(reduce(s0, { type: 'follow', on: false }).followDriver, false)
  assert.equal(reduce(s0, { type: 'entry', entry: 'fizzbuzz' }).entry, 'fizzbuzz')
  assert.equal(reduce(s0, { type: 'warning' }, { type: 'warning' }).warnings, 2)
  const sync = { status: 'connected' as const, synced: true, detail: '' }
  assert.equal(reduce(s0, { type: 'sync', sync }).sync, sync)
  assert.deepEqual(reduce(s0, { type: 'events', events: { kind: 'open' } }).events, { kind: 'open' })
})
