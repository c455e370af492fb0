import assert from 'node:assert/strict'
import { test } from 'node:test'
import { countLabel, expireToasts, MAX_VISIBLE, nextExpiry, pushToast, toastDuration, type ToastItem } from '../src/toast-model'

test('the same message again is one toast with a count, shown longer', () => {
  let list: ToastItem[] = []
  list = pushToast(list, 'Edit refused', 'error', 0, 1)
  list = pushToast(list, 'Edit refused', 'error', 1000, 2)
  list = pushToast(list, 'Edit refused', 'error', 2000, 3)
  assert.equal(list.length, 1)
  assert.equal(list[0].count, 3)
  assert.equal(list[0].id, 1, 'the same toast, updated in place')
  assert.equal(countLabel(list[0]), '×3')
  assert.equal(list[0].until, 2000 + toastDuration('error'))
})

test('at most two toasts; the newest stay', () => {
  let list: ToastItem[] = []
  for (const [i, m] of ['a', 'b', 'c', 'd'].entries()) list = pushToast(list, m, 'info', i, i + 1)
  assert.equal(list.length, MAX_VISIBLE)
  assert.deepEqual(list.map((t) => t.message), ['c', 'd'])
  assert.equal(countLabel(list[0]), '')
})

test('a repeat of an older toast moves it to the newest place', () => {
  let list: ToastItem[] = []
  list = pushToast(list, 'a', 'info', 0, 1)
  list = pushToast(list, 'b', 'info', 1, 2)
  list = pushToast(list, 'a', 'info', 2, 3)
  assert.deepEqual(list.map((t) => [t.message, t.count]), [['b', 1], ['a', 2]])
})

test('same words of another kind are another toast', () => {
  let list: ToastItem[] = []
  list = pushToast(list, 'x', 'info', 0, 1)
  list = pushToast(list, 'x', 'error', 0, 2)
  assert.equal(list.length, 2)
})

test('toasts expire, and a gone toast does not count any more', () => {
  let list = pushToast([], 'a', 'info', 0, 1)
  assert.equal(nextExpiry(list), toastDuration('info'))
  assert.deepEqual(expireToasts(list, toastDuration('info')), [])
  list = pushToast(list, 'a', 'info', toastDuration('info') + 1, 2)
  assert.equal(list[0].count, 1)
  assert.equal(list[0].id, 2)
  assert.equal(nextExpiry([]), null)
})
