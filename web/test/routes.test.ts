import assert from 'node:assert/strict'
import { test } from 'node:test'
import { route } from '../src/routes'

test('the lobby is "/", "/index.html", and either with trailing slashes', () => {
  for (const p of ['/', '', '/index.html', '//', '/index.html/']) assert.deepEqual(route(p), { page: 'lobby' }, p)
})

test('a room path decodes its id', () => {
  assert.deepEqual(route('/r/abc-123'), { page: 'room', id: 'abc-123' })
  assert.deepEqual(route('/r/a%20b/'), { page: 'room', id: 'a b' })
})

test('a projector path names the same room', () => {
  assert.deepEqual(route('/r/abc/projector'), { page: 'projector', id: 'abc' })
  assert.deepEqual(route('/r/abc/projector/'), { page: 'projector', id: 'abc' })
})

test('anything else is not found, malformed escapes included', () => {
  for (const p of ['/r', '/r/', '/r/a/b', '/r/a/projector/x', '/rooms/a', '/lobby', '/r/%E0%A4%A']) {
    assert.deepEqual(route(p), { page: 'not-found' }, p)
  }
})
