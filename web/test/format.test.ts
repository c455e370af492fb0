import assert from 'node:assert/strict'
import { test } from 'node:test'
import { colourFor, formatClock, initials } from '../src/format'

test('the clock shows minutes and zero-padded seconds, rounding up', () => {
  assert.equal(formatClock(0), '0:00')
  assert.equal(formatClock(1), '0:01')
  assert.equal(formatClock(1000), '0:01')
  assert.equal(formatClock(1001), '0:02')
  assert.equal(formatClock(59_001), '1:00')
  assert.equal(formatClock(65_000), '1:05')
  assert.equal(formatClock(3_600_000), '60:00')
})

test('a negative time shows as zero', () => {
  assert.equal(formatClock(-5000), '0:00')
})

test('initials: first and last word, or the first two letters of one word', () => {
  assert.equal(initials('Ada Lovelace'), 'AL')
  assert.equal(initials('  ada   king  lovelace '), 'AL')
  assert.equal(initials('bob'), 'BO')
  assert.equal(initials('B'), 'B')
  assert.equal(initials('😀 smile'), '😀S')
})

test('initials of no name is a question mark', () => {
  assert.equal(initials(''), '?')
  assert.equal(initials('   '), '?')
  assert.equal(initials(null), '?')
})

test('a participant keeps one colour, with a translucent variant', () => {
  const a = colourFor('p-ada')
  assert.deepEqual(colourFor('p-ada'), a)
  assert.match(a.color, /^#[0-9a-f]{6}$/)
  assert.equal(a.colorLight, `${a.color}33`)
})

test('colours spread over the palette', () => {
  const colours = new Set(Array.from({ length: 50 }, (_, i) => colourFor(`participant-${i}`).color))
  assert.ok(colours.size >= 5, `only ${colours.size} colours for 50 ids`)
})
