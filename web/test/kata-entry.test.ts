import assert from 'node:assert/strict'
import { test } from 'node:test'
import { entryName, entrySignature } from '../src/kata-entry'

test('the entry name, from either shape', () => {
  assert.equal(entryName({ kind: 'function', name: 'fizzbuzz' }), 'fizzbuzz')
  assert.equal(entryName({ function: 'roman' }), 'roman')
  assert.equal(entryName({ class: 'Game' }), 'Game')
  assert.equal(entryName('fizzbuzz'), null)
  assert.equal(entryName(null), null)
})

test('a function signature with typed parameters and a return type', () => {
  const entry = { kind: 'function', name: 'fizzbuzz', params: [['n', 'int']], returns: 'str' }
  assert.equal(entrySignature(entry), 'def fizzbuzz(n: int) -> str')
  assert.equal(entrySignature({ function: 'f', params: [{ name: 'a', type: 'list[int]' }, { name: 'b' }], returns: 'none' }), 'def f(a: list[int], b) -> None')
})

test('a class signature lists __init__ and each method', () => {
  const entry = { kind: 'class', name: 'Game', init: [], methods: { roll: { params: [['pins', 'int']], returns: 'none' }, score: { returns: 'int' } } }
  assert.equal(entrySignature(entry), 'class Game:\n    def __init__(self)\n    def roll(self, pins: int) -> None\n    def score(self) -> int')
})

test('a plain string is the signature; anything else has none', () => {
  assert.equal(entrySignature('def f(x)'), 'def f(x)')
  assert.equal(entrySignature({ kind: 'module' }), null)
  assert.equal(entrySignature(42), null)
})
