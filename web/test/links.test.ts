import assert from 'node:assert/strict'
import { test } from 'node:test'
import { facilitatorTokenFromHash, facilitatorUrl, joinUrl, parseRoomRef, projectorPath, roomPath, wsUrl } from '../src/links'

const origin = 'https://dojo.example'

test('room and projector paths escape the id', () => {
  assert.equal(roomPath('abc'), '/r/abc')
  assert.equal(roomPath('a b/c'), '/r/a%20b%2Fc')
  assert.equal(projectorPath('a b'), '/r/a%20b/projector')
})

test('the join link is the room path on the given origin', () => {
  assert.equal(joinUrl('abc', origin), 'https://dojo.example/r/abc')
})

test('the facilitator link carries the escaped token in the fragment', () => {
  const url = facilitatorUrl('abc', 't/k+n=', origin)
  assert.equal(url, 'https://dojo.example/r/abc#facilitator=t%2Fk%2Bn%3D')
  // What the link encodes, the room page reads back.
  assert.equal(facilitatorTokenFromHash(new URL(url).hash), 't/k+n=')
})

test('websocket URLs are wss exactly on https pages', () => {
  assert.equal(wsUrl('/rooms/a/events', { protocol: 'https:', host: 'h:8443' }), 'wss://h:8443/rooms/a/events')
  assert.equal(wsUrl('/rooms/a/events', { protocol: 'http:', host: 'localhost:5173' }), 'ws://localhost:5173/rooms/a/events')
})

test('a pasted id or link gives the room id', () => {
  assert.equal(parseRoomRef('abc_DEF-9'), 'abc_DEF-9')
  assert.equal(parseRoomRef('  abc  '), 'abc')
  assert.equal(parseRoomRef('https://dojo.example/r/abc'), 'abc')
  assert.equal(parseRoomRef('http://x/r/abc/projector?x=1#facilitator=t'), 'abc')
  assert.equal(parseRoomRef('see /r/xyz#top'), 'xyz')
})

test('text that cannot be a room id is refused', () => {
  for (const bad of ['', '   ', 'has space', 'semi;colon', 'https://dojo.example/lobby', 'x'.repeat(129), '/r/%E0%A4%A']) {
    assert.equal(parseRoomRef(bad), null, bad)
  }
  assert.equal(parseRoomRef('x'.repeat(128)), 'x'.repeat(128))
})

test('the facilitator token is read from the fragment only when present and non-empty', () => {
  assert.equal(facilitatorTokenFromHash('#facilitator=abc'), 'abc')
  assert.equal(facilitatorTokenFromHash('facilitator=abc&x=1'), 'abc')
  assert.equal(facilitatorTokenFromHash('#facilitator='), null)
  assert.equal(facilitatorTokenFromHash('#other=1'), null)
  assert.equal(facilitatorTokenFromHash(''), null)
})
