// The code zoom's on-screen buttons (− 100% +) and its keys (Ctrl/Cmd + '+', '-', '0'),
// shared by the room page and the projector. The steps and keys are zoom.ts.

import { h } from './dom'
import { icon } from './icons'
import type { View } from './view'
import { applyZoom, DEFAULT_ZOOM, zoomIn, zoomKey, zoomLabel, zoomOut } from './zoom'

export function createZoomControl(onChange: (zoom: number) => void): View<{ zoom: number }> {
  let zoom = DEFAULT_ZOOM
  const out = h('button', { type: 'button', class: 'small icon', testid: 'zoom-out', 'aria-label': 'Smaller code', title: 'Smaller code (Ctrl+-)', onclick: () => onChange(zoomOut(zoom)) }, icon('minus'))
  const label = h('button', { type: 'button', class: 'small zoom-level', testid: 'zoom-level', title: 'Reset the code size (Ctrl+0)', onclick: () => onChange(DEFAULT_ZOOM) })
  const inn = h('button', { type: 'button', class: 'small icon', testid: 'zoom-in', 'aria-label': 'Larger code', title: 'Larger code (Ctrl++)', onclick: () => onChange(zoomIn(zoom)) }, icon('plus'))
  const el = h('div', { class: 'zoom-control', role: 'group', 'aria-label': 'Code size', testid: 'zoom' }, out, label, inn)
  return {
    el,
    update(p) {
      zoom = p.zoom
      label.textContent = zoomLabel(p.zoom)
      label.setAttribute('aria-label', `Code size ${zoomLabel(p.zoom)}, reset`)
      el.dataset.zoom = String(p.zoom)
    },
  }
}

/**
 * Ctrl/Cmd + '+', '-', '0' zoom the code instead of the page. Capture phase, so the
 * editor's own keymap never sees them.
 */
export function listenZoomKeys(current: () => number, onChange: (zoom: number) => void): () => void {
  const onKey = (e: KeyboardEvent) => {
    const cmd = zoomKey(e)
    if (!cmd) return
    e.preventDefault()
    onChange(applyZoom(current(), cmd))
  }
  window.addEventListener('keydown', onKey, true)
  return () => window.removeEventListener('keydown', onKey, true)
}
