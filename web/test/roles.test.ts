import assert from 'node:assert/strict'
import { test } from 'node:test'
import { canEdit, fullOrder, roleOf, rolesOf, skippedOf } from '../src/roles'
import { ada, bob, cy, room, rotation, settings } from './fixtures'

test('the server’s roles are taken as sent', () => {
  assert.deepEqual(rolesOf(rotation()), { driver: ada.id, navigator: bob.id, next: cy.id })
  assert.deepEqual(rolesOf(null), { driver: null, navigator: null, next: null })
})

test('before the start the queue order says who will drive first', () => {
  const idle = rotation({ status: 'idle', driver: null, navigator: null, next: null, queue: [cy.id, ada.id] })
  assert.deepEqual(rolesOf(idle), { driver: cy.id, navigator: ada.id, next: null })
})

test('once started, missing roles stay missing', () => {
  const paused = rotation({ status: 'paused', driver: null, navigator: null, next: null })
  assert.deepEqual(rolesOf(paused), { driver: null, navigator: null, next: null })
})

test('each participant’s role, and watching for everyone else', () => {
  const rot = rotation()
  assert.equal(roleOf(rot, ada.id), 'driving')
  assert.equal(roleOf(rot, bob.id), 'navigating')
  assert.equal(roleOf(rot, cy.id), 'next')
  assert.equal(roleOf(rot, 'p-zed'), 'watching')
  assert.equal(roleOf(rot, null), 'watching')
})

test('strict mode: only the driver edits, and not during a break or after the end', () => {
  const r = room()
  assert.equal(canEdit(r, ada.id), true)
  assert.equal(canEdit(r, bob.id), false)
  assert.equal(canEdit(room({ rotation: rotation({ status: 'break' }) }), ada.id), false)
  assert.equal(canEdit(room({ rotation: rotation({ status: 'ended' }) }), ada.id), false)
  assert.equal(canEdit(room({ rotation: rotation({ status: 'paused', paused_in: 'break' }) }), ada.id), false)
  assert.equal(canEdit(room({ rotation: rotation({ status: 'paused', paused_in: 'running' }) }), ada.id), true)
})

test('strict mode before the start: the first in the queue may type', () => {
  const r = room({ rotation: rotation({ status: 'idle', driver: null, navigator: null, next: null, queue: [bob.id, ada.id] }) })
  assert.equal(canEdit(r, bob.id), true)
  assert.equal(canEdit(r, ada.id), false)
})

test('free mode: every participant edits, watchers never', () => {
  const r = room({ settings: settings({ mode: 'free' }), rotation: rotation({ status: 'break' }) })
  assert.equal(canEdit(r, bob.id), true)
  assert.equal(canEdit(r, null), false)
  assert.equal(canEdit(null, ada.id), false)
})

test('skipped: the ids the server lists', () => {
  assert.deepEqual(skippedOf(room({ rotation: rotation({ skipped: [bob.id] }) })), new Set([bob.id]))
  assert.deepEqual(skippedOf(room({ rotation: rotation({ skipped: [] }) })), new Set())
})

test('full order: the server\'s order, then everyone it does not list yet; unknown ids dropped', () => {
  assert.deepEqual(fullOrder(room({ rotation: rotation({ order: [cy.id, 'p-gone', ada.id] }) })), [cy.id, ada.id, bob.id])
  assert.deepEqual(fullOrder(room({ rotation: rotation({ order: [bob.id] }) })), [bob.id, ada.id, cy.id])
})
