import assert from 'node:assert/strict'
import { test } from 'node:test'
import { FALLBACK_COLOUR, remoteUser, safeColour, safeName } from '../src/awareness-user'

test('only a plain #rrggbb colour is used; anything else gets the fallback', () => {
  assert.equal(safeColour('#1a7f37'), '#1a7f37')
  assert.equal(safeColour('#ABCDEF'), '#ABCDEF')
  for (const bad of ['red', '#fff', '#1a7f3780', 'url(x)', '#1a7f37; background: url(//evil)', 'expression(alert(1))', '', null, undefined, 7, {}]) {
    assert.equal(safeColour(bad), FALLBACK_COLOUR, String(bad))
  }
  assert.equal(safeColour('nope', '#000000'), '#000000')
})

test('a name is text: control and format characters go, long names are cut', () => {
  assert.equal(safeName('Ada'), 'Ada')
  assert.equal(safeName('\u2060Ada\u2060'), 'Ada', 'word joiners (the old caret widget) are dropped')
  assert.equal(safeName('Bob\u202e\u0000 \n  Smith'), 'Bob Smith')
  assert.equal(safeName('<img src=x onerror=alert(1)>'), '<img src=x onerror=alert(1)>', 'kept as text, shown with textContent')
  assert.equal(safeName('   '), '?')
  assert.equal(safeName(42), '?')
  const long = safeName('x'.repeat(100))
  assert.equal([...long].length, 40)
  assert.ok(long.endsWith('…'))
})

test('the awareness user field is read safely', () => {
  assert.deepEqual(remoteUser({ user: { id: 'p1', name: 'Ada', color: '#0969da' } }), { id: 'p1', name: 'Ada', color: '#0969da', colorLight: '#0969da33' })
  assert.deepEqual(remoteUser({ user: { id: 3, name: null, color: 'javascript:alert(1)' } }), { id: null, name: '?', color: FALLBACK_COLOUR, colorLight: `${FALLBACK_COLOUR}33` })
  assert.equal(remoteUser({}), null)
  assert.equal(remoteUser(null), null)
  assert.equal(remoteUser({ user: 'Ada' }), null)
})
