import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ServerClock } from '../src/clock'

function clockAt(local: { t: number }) {
  return new ServerClock(() => local.t)
}

test('the first server time sets the offset as it is', () => {
  const local = { t: 1000 }
  const c = clockAt(local)
  c.observe(6000)
  assert.equal(c.offsetMs, 5000)
  local.t = 2000
  assert.equal(c.now(), 7000)
})

test('later samples are averaged with the offset so far', () => {
  const local = { t: 0 }
  const c = clockAt(local)
  c.observe(1000)
  c.observe(3000)
  assert.equal(c.offsetMs, 2000)
  c.observe(2000)
  assert.equal(c.offsetMs, 2000)
})

test('missing or non-finite server times are ignored', () => {
  const c = clockAt({ t: 0 })
  c.observe(null)
  c.observe(undefined)
  c.observe(Number.NaN)
  c.observe(Number.POSITIVE_INFINITY)
  assert.equal(c.offsetMs, 0)
  // Still the first real sample, so taken as is.
  c.observe(400)
  assert.equal(c.offsetMs, 400)
})
