import assert from 'node:assert/strict'
import { test } from 'node:test'
import { applyZoom, clampZoom, DEFAULT_ZOOM, ZOOM_STEPS, zoomIn, zoomKey, zoomLabel, zoomOut } from '../src/zoom'

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = { ctrlKey: true }) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods })

test('zoom moves by steps and stops at the ends', () => {
  assert.equal(zoomIn(1), 1.15)
  assert.equal(zoomOut(1), 0.85)
  assert.equal(zoomIn(ZOOM_STEPS.at(-1)!), ZOOM_STEPS.at(-1))
  assert.equal(zoomOut(ZOOM_STEPS[0]), ZOOM_STEPS[0])
  assert.equal(zoomIn(zoomIn(1)), 1.3)
})

test('a stored zoom snaps to a step; junk is the default', () => {
  assert.equal(clampZoom(1.28), 1.3)
  assert.equal(clampZoom(99), 3)
  assert.equal(clampZoom('2'), DEFAULT_ZOOM)
  assert.equal(clampZoom(NaN), DEFAULT_ZOOM)
  assert.equal(clampZoom(null), DEFAULT_ZOOM)
})

test('Ctrl or Cmd with + = - _ 0 zoom; other keys and Alt do not', () => {
  assert.equal(zoomKey(key('+')), 'in')
  assert.equal(zoomKey(key('=')), 'in')
  assert.equal(zoomKey(key('-', { metaKey: true })), 'out')
  assert.equal(zoomKey(key('_')), 'out')
  assert.equal(zoomKey(key('0')), 'reset')
  assert.equal(zoomKey(key('+', {})), null, 'no modifier')
  assert.equal(zoomKey(key('+', { ctrlKey: true, altKey: true })), null, 'AltGr')
  assert.equal(zoomKey(key('a')), null)
})

test('commands apply; the label is a percentage', () => {
  assert.equal(applyZoom(1.5, 'in'), 1.75)
  assert.equal(applyZoom(1.5, 'out'), 1.3)
  assert.equal(applyZoom(1.5, 'reset'), 1)
  assert.equal(zoomLabel(1.15), '115%')
  assert.equal(zoomLabel(1), '100%')
})
