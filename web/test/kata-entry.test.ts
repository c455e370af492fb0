import assert from 'node:assert/strict'
import { test } from 'node:test'
import { entryPointName, entrySignature, renamedNames } from '../src/kata-entry'

test('the entry name, from either shape', () => {
  assert.equal(entryPointName({ kind: 'function', name: 'fizzbuzz' }), 'fizzbuzz')
  assert.equal(entryPointName({ function: 'roman' }), 'roman')
  assert.equal(entryPointName({ class: 'Game' }), 'Game')
  assert.equal(entryPointName('fizzbuzz'), null)
  assert.equal(entryPointName(null), null)
})

test('the entry name as the room’s language spells it', () => {
  assert.equal(entryPointName({ kind: 'function', name: 'next_generation' }, 'javascript'), 'nextGeneration')
  assert.equal(entryPointName({ kind: 'function', name: 'next_generation' }, 'python'), 'next_generation')
  assert.equal(entryPointName({ kind: 'class', name: 'BowlingGame' }, 'javascript'), 'BowlingGame')
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
  assert.equal(entrySignature({ kind: 'module' }, 'javascript'), null)
})

test('a JavaScript function signature: camelCase names, the neutral types', () => {
  const entry = { kind: 'function', name: 'gil_trace', params: [{ name: 'threads', type: 'list[tuple[str, list[int]]]' }, { name: 'switch_interval', type: 'int' }], returns: 'list[str]' }
  assert.equal(entrySignature(entry, 'javascript'), 'function gilTrace(threads: list[tuple[str, list[int]]], switchInterval: int): list[str]')
  assert.equal(entrySignature({ function: 'f', params: [{ name: 'a_b' }], returns: 'none' }, 'javascript'), 'function f(aB): void')
  assert.equal(entrySignature({ function: 'f' }, 'javascript'), 'function f()')
})

test('a JavaScript class signature: the class name kept, constructor and camelCase methods', () => {
  const entry = {
    kind: 'class',
    name: 'TennisGame',
    init: [{ name: 'player_one', type: 'str' }],
    methods: { won_point: { params: [{ name: 'player', type: 'str' }], returns: 'none' }, score: { params: [], returns: 'str' } },
  }
  assert.equal(
    entrySignature(entry, 'javascript'),
    'class TennisGame {\n  constructor(playerOne: str)\n  wonPoint(player: str): void\n  score(): str\n}',
  )
})

test('the names JavaScript spells differently, each once; none in Python', () => {
  const fn = { kind: 'function', name: 'gil_trace', params: [{ name: 'threads', type: 'x' }, { name: 'switch_interval', type: 'int' }], returns: 'x' }
  assert.deepEqual(renamedNames(fn, 'javascript'), [
    ['gil_trace', 'gilTrace'],
    ['switch_interval', 'switchInterval'],
  ])
  assert.deepEqual(renamedNames(fn, 'python'), [])
  const cls = {
    class: 'Tennis',
    init: [],
    methods: { won_point: { params: [['player_name', 'str']] }, score: {}, reset_to: { params: [['player_name', 'str']] } },
  }
  assert.deepEqual(renamedNames(cls, 'javascript'), [
    ['won_point', 'wonPoint'],
    ['reset_to', 'resetTo'],
    ['player_name', 'playerName'],
  ])
  assert.deepEqual(renamedNames({ kind: 'function', name: 'diamond', params: [{ name: 'letter', type: 'str' }] }, 'javascript'), [])
  assert.deepEqual(renamedNames(null, 'javascript'), [])
})
