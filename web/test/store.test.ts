import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createStore } from '../src/store'

type Action = { type: 'add'; n: number } | { type: 'noop' }
const reduce = (s: { total: number }, a: Action) => (a.type === 'add' ? { total: s.total + a.n } : s)

test('dispatch runs the reducer and tells listeners the new and previous state', () => {
  const store = createStore({ total: 1 }, reduce)
  const seen: [number, number][] = []
  store.subscribe((s, prev) => seen.push([s.total, prev.total]))
  store.dispatch({ type: 'add', n: 2 })
  store.dispatch({ type: 'add', n: 3 })
  assert.equal(store.getState().total, 6)
  assert.deepEqual(seen, [
    [3, 1],
    [6, 3],
  ])
})

test('an action that returns the same state notifies nobody', () => {
  const store = createStore({ total: 0 }, reduce)
  let calls = 0
  store.subscribe(() => calls++)
  store.dispatch({ type: 'noop' })
  assert.equal(calls, 0)
})

test('a dispatch from inside a listener runs after every listener saw the first change', () => {
  const store = createStore({ total: 0 }, reduce)
  const log: string[] = []
  store.subscribe((s) => {
    log.push(`a${s.total}`)
    if (s.total === 1) store.dispatch({ type: 'add', n: 10 })
  })
  store.subscribe((s) => log.push(`b${s.total}`))
  store.dispatch({ type: 'add', n: 1 })
  assert.deepEqual(log, ['a1', 'b1', 'a11', 'b11'])
})

test('an unsubscribed listener hears nothing more', () => {
  const store = createStore({ total: 0 }, reduce)
  let calls = 0
  const off = store.subscribe(() => calls++)
  store.dispatch({ type: 'add', n: 1 })
  off()
  store.dispatch({ type: 'add', n: 1 })
  assert.equal(calls, 1)
})

test('a reducer that throws leaves the store usable', () => {
  let explode = true
  const store = createStore({ total: 0 }, (s: { total: number }, a: Action) => {
    if (explode) throw new Error('boom')
    return reduce(s, a)
  })
  assert.throws(() => store.dispatch({ type: 'add', n: 1 }), /boom/)
  explode = false
  store.dispatch({ type: 'add', n: 2 })
  assert.equal(store.getState().total, 2)
})
