import assert from 'node:assert/strict'
import { test } from 'node:test'
import { lightOf, runTitle, showInput, showValue, statusWord } from '../src/run-format'
import { run } from './fixtures'

const names = (id: string | null | undefined) => (id === 'p-ada' ? 'Ada' : 'someone')

test('the light is the server’s, else derived from the verdict', () => {
  assert.equal(lightOf(run({ light: 'amber', verdict: 'passed' })), 'amber')
  assert.equal(lightOf(run({ light: undefined, verdict: 'passed' })), 'green')
  assert.equal(lightOf(run({ light: undefined, verdict: 'failed' })), 'red')
  assert.equal(lightOf(run({ light: undefined, verdict: 'timed_out' })), 'amber')
})

test('status words read as English; unknown ones lose their underscores', () => {
  assert.equal(statusWord('timed_out'), 'timed out')
  assert.equal(statusWord('out_of_memory'), 'out of memory')
  assert.equal(statusWord('new_thing_here'), 'new thing here')
  assert.equal(statusWord(null), '')
})

test('a finished run’s title names the driver, turn, light, verdict and summary', () => {
  const r = run({ kind: 'submit', turn: 4, light: 'red', verdict: 'failed', summary: '3 of 5 passed' })
  assert.equal(runTitle(r, names), 'Submission by Ada, turn 4: red (failed), 3 of 5 passed')
})

test('a pending run’s title says its status', () => {
  assert.equal(runTitle(run({ status: 'queued', driver: null }), names), 'Test run by Ada: queued')
})

test('case inputs show as a call of the entry point', () => {
  assert.equal(showInput({ args: [3, 'x'] }, 'fizzbuzz'), 'fizzbuzz(3, "x")')
  assert.equal(showInput({ args: [] }), '()')
})

test('class cases show construction and each method call, with expected results', () => {
  const input = { init: [10], calls: [['roll', [5]], ['score', [], 5]] }
  assert.equal(showInput(input, 'Game'), 'Game(10)\n.roll(5)\n.score() → 5')
  assert.equal(showInput({ calls: [['go']] }), 'obj()\n.go()')
})

test('in JavaScript, method names in class cases are camelCase', () => {
  const input = { init: [], calls: [['won_point', ['A']], ['score', [], 'Fifteen-Love']] }
  assert.equal(showInput(input, 'TennisGame', 'javascript'), 'TennisGame()\n.wonPoint("A")\n.score() → "Fifteen-Love"')
  assert.equal(showInput(input, 'TennisGame', 'python'), 'TennisGame()\n.won_point("A")\n.score() → "Fifteen-Love"')
  // The function's own name comes already spelled for the room.
  assert.equal(showInput({ args: [['.#.']] }, 'nextGeneration', 'javascript'), 'nextGeneration([".#."])')
})

test('other inputs show as JSON, long ones pretty-printed', () => {
  assert.equal(showInput({ args: [1], extra: true }), '{"args":[1],"extra":true}')
  assert.equal(showValue('a"b'), '"a\\"b"')
  assert.equal(showValue(undefined), '')
  const long = { text: 'x'.repeat(100) }
  assert.equal(showValue(long), JSON.stringify(long, null, 2))
})
