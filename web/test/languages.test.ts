import assert from 'node:assert/strict'
import { test } from 'node:test'
import { asLanguage, entryName, fileNames, languageChoices, languageNote, languageTitle, pickLanguage, roomLanguage } from '../src/languages'

test('entry names: JavaScript in camelCase, Python as written', () => {
  // The same cases as core/src/kata/language.rs.
  assert.equal(entryName('next_generation', 'javascript'), 'nextGeneration')
  assert.equal(entryName('fizzbuzz', 'javascript'), 'fizzbuzz')
  assert.equal(entryName('is_valid_isbn', 'javascript'), 'isValidIsbn')
  assert.equal(entryName('to_files', 'javascript'), 'toFiles')
  assert.equal(entryName('a__b', 'javascript'), 'aB')
  assert.equal(entryName('next_generation', 'python'), 'next_generation')
})

test('entry names: classes unchanged, leading underscores kept, a trailing one dropped', () => {
  assert.equal(entryName('BowlingGame', 'javascript'), 'BowlingGame')
  assert.equal(entryName('_private_thing', 'javascript'), '_privateThing')
  assert.equal(entryName('__init', 'javascript'), '__init')
  assert.equal(entryName('x_', 'javascript'), 'x')
  assert.equal(entryName('', 'javascript'), '')
})

test('file names per language', () => {
  assert.deepEqual(fileNames('python'), { solution: 'solution.py', tests: 'test_solution.py' })
  assert.deepEqual(fileNames('javascript'), { solution: 'solution.js', tests: 'solution.test.js' })
})

test('language names: known ones, titles, a room’s with the Python default', () => {
  assert.equal(asLanguage('javascript'), 'javascript')
  assert.equal(asLanguage('cobol'), null)
  assert.equal(asLanguage(undefined), null)
  assert.equal(roomLanguage('javascript'), 'javascript')
  assert.equal(roomLanguage(undefined), 'python')
  assert.equal(roomLanguage('cobol'), 'python')
  assert.equal(languageTitle('python'), 'Python')
  assert.equal(languageTitle('javascript'), 'JavaScript')
  assert.equal(languageTitle('cobol'), 'cobol')
})

test('the lobby offers the kata’s languages, in order, or all for free practice', () => {
  assert.deepEqual(languageChoices(null), ['python', 'javascript'])
  assert.deepEqual(languageChoices({ languages: ['python'] }), ['python'])
  assert.deepEqual(languageChoices({ languages: ['javascript', 'python'] }), ['python', 'javascript'])
  assert.deepEqual(languageChoices({ languages: ['javascript', 'cobol'] }), ['javascript'])
  // An older server that lists no languages: Python, as it always was.
  assert.deepEqual(languageChoices({ languages: [] }), ['python'])
  assert.deepEqual(languageChoices({}), ['python'])
})

test('the remembered language is selected when offered, else Python, else the first', () => {
  assert.equal(pickLanguage(['python', 'javascript'], 'javascript'), 'javascript')
  assert.equal(pickLanguage(['python'], 'javascript'), 'python')
  assert.equal(pickLanguage(['python', 'javascript'], null), 'python')
  assert.equal(pickLanguage(['python', 'javascript'], 'cobol'), 'python')
  assert.equal(pickLanguage(['javascript'], null), 'javascript')
  assert.equal(pickLanguage([], null), 'python')
})

test('the note under the choice says when a kata has one language only', () => {
  assert.equal(languageNote('FizzBuzz', ['python']), 'FizzBuzz is in Python only.')
  assert.equal(languageNote('FizzBuzz', ['python', 'javascript']), '')
  assert.equal(languageNote(null, ['python', 'javascript']), '')
  assert.equal(languageNote('Diamond', ['javascript']), 'Diamond is in JavaScript only.')
})
