import assert from 'node:assert/strict'
import { test } from 'node:test'
import { connect, shallowEqual, type View } from '../src/view'

test('shallow equality compares plain objects one level deep', () => {
  const inner = { x: 1 }
  assert.equal(shallowEqual({ a: 1, b: inner }, { a: 1, b: inner }), true)
  assert.equal(shallowEqual({ a: 1, b: { x: 1 } }, { a: 1, b: { x: 1 } }), false)
  assert.equal(shallowEqual({ a: 1 }, { a: 1, b: undefined }), false)
  assert.equal(shallowEqual({ a: Number.NaN }, { a: Number.NaN }), true)
  assert.equal(shallowEqual('x', 'x'), true)
  assert.equal(shallowEqual(null, {}), false)
})

test('two different Maps are never equal, though neither has own keys', () => {
  assert.equal(shallowEqual(new Map([[1, 1]]), new Map()), false)
  const m = new Map()
  assert.equal(shallowEqual(m, m), true)
})

function recorder<P>(): View<P> & { calls: P[] } {
  const calls: P[] = []
  return { el: {} as HTMLElement, calls, update: (p: P) => void calls.push(p) }
}

test('a connected view updates only when its slice changes', () => {
  const view = recorder<{ n: number }>()
  const connected = connect(view, (s: { n: number; other: string }) => ({ n: s.n }))
  connected.update({ n: 1, other: 'a' })
  connected.update({ n: 1, other: 'b' })
  connected.update({ n: 2, other: 'b' })
  assert.deepEqual(view.calls, [{ n: 1 }, { n: 2 }])
  assert.equal(connected.el, view.el)
})

test('the first update always renders, even an empty slice', () => {
  const view = recorder<Record<string, never>>()
  connect(view, () => ({})).update({})
  assert.equal(view.calls.length, 1)
})
