import assert from 'node:assert/strict'
import { test } from 'node:test'
import { awayLine, moveInOrder, rosterModel } from '../src/roster-model'
import { ada, bob, cy, room, rotation } from './fixtures'

test('rows follow the queue, with 1-based places and roles', () => {
  const m = rosterModel(room({ rotation: rotation({ queue: [bob.id, cy.id, ada.id], driver: bob.id, navigator: cy.id, next: ada.id }) }), ada.id)
  assert.deepEqual(
    m.rows.map((r) => [r.id, r.position, r.role, r.me]),
    [
      [bob.id, 1, 'driver', false],
      [cy.id, 2, 'navigator', false],
      [ada.id, 3, 'next', true],
    ],
  )
})

test('people outside the queue come last, unplaced; offline ones are away', () => {
  const r = room({ participants: [ada, bob, { ...cy, online: false }], rotation: rotation({ queue: [ada.id], skipped: [bob.id], driver: ada.id, navigator: null, next: null }) })
  const rows = rosterModel(r, null).rows
  assert.deepEqual(rows.map((x) => x.id), [ada.id, bob.id, cy.id])
  const [, b, c] = rows
  assert.deepEqual([b.position, b.skipped, b.away], [null, true, false])
  assert.deepEqual([c.position, c.skipped, c.away, c.online], [null, false, true, false])
})

test('the absent extension marks queued people away', () => {
  const rows = rosterModel(room({ rotation: rotation({ absent: [cy.id] }) }), null).rows
  assert.equal(rows.find((x) => x.id === cy.id)?.away, true)
  assert.equal(rows.find((x) => x.id === bob.id)?.away, false)
})

test('the first in the order cannot move up, the last cannot move down', () => {
  const m = rosterModel(room({ rotation: rotation({ order: [cy.id, ada.id, bob.id] }) }), null)
  const byId = new Map(m.rows.map((r) => [r.id, r]))
  assert.deepEqual(m.order, [cy.id, ada.id, bob.id])
  assert.deepEqual([byId.get(cy.id)?.canMoveUp, byId.get(cy.id)?.canMoveDown], [false, true])
  assert.deepEqual([byId.get(bob.id)?.canMoveUp, byId.get(bob.id)?.canMoveDown], [true, false])
})

test('an empty room has no rows', () => {
  assert.deepEqual(rosterModel(room({ participants: [], rotation: rotation({ queue: [] }) }), null).rows, [])
})

test('moving swaps with the neighbour and leaves the input alone', () => {
  const order = ['a', 'b', 'c']
  assert.deepEqual(moveInOrder(order, 'b', -1), ['b', 'a', 'c'])
  assert.deepEqual(moveInOrder(order, 'b', 1), ['a', 'c', 'b'])
  assert.deepEqual(order, ['a', 'b', 'c'])
})

test('moving past either end, or someone unknown, does nothing', () => {
  assert.equal(moveInOrder(['a', 'b'], 'a', -1), null)
  assert.equal(moveInOrder(['a', 'b'], 'b', 1), null)
  assert.equal(moveInOrder(['a', 'b'], 'z', 1), null)
})

test('the projector names who is away, and who is out of the rotation for it', () => {
  assert.equal(awayLine(room()), '')
  const offline = room({ participants: [ada, { ...bob, online: false }, { ...cy, online: false }], rotation: rotation({ absent: [cy.id] }) })
  assert.equal(awayLine(offline), 'Away: Bob, Cy (out of the rotation)')
})
