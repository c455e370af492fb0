// The two CodeMirror editors, one tab panel each, read-only unless we may type; they
// keep the followed driver's cursor in view, mark the latest run's errors at their
// lines, and scale with the zoom.

import type { Run } from '../../api'
import { runDiagnostics, sameDiagnostics, type LineDiagnostic } from '../../diagnostics'
import { h } from '../../dom'
import { CodeEditor } from '../../editor'
import { fileNames, type Language } from '../../languages'
import type { SyncSession } from '../../sync'
import { TEXT_NAMES, type TextName } from '../../texts'
import type { View } from '../../view'
import { isTypingKey } from '../model/keyboard'

export interface EditorsProps {
  activeTab: TextName
  editable: boolean
  statementHidden: boolean
  zoom: number
  /** The followed driver's cursor (primitives, so connect() sees when it moved). */
  followTab: TextName | null
  followAnchor: number
  followHead: number
  /** The latest finished run: its errors are marked in the code. */
  latestRun: Run | null
}

export interface EditorsView extends View<EditorsProps> {
  /** Bind both editors to a (new) sync session: at start and after a document reset. */
  bind(session: SyncSession): void
}

export interface EditorsCallbacks {
  run(): void
  /** We scrolled, clicked or moved in the code ourselves (pauses following). */
  navigated(): void
  /** A typing key in a read-only editor. */
  refusedKey(): void
}

const MOVING_KEYS = new Set(['PageUp', 'PageDown', 'ArrowUp', 'ArrowDown', 'Home', 'End'])

/** `language`: the room's, fixed for its life (the syntax mode and file names). */
export function createEditors(cb: EditorsCallbacks, language: Language): EditorsView {
  const el = h('div', { class: 'editors' })
  const panels = {} as Record<TextName, HTMLElement>
  const editors = {} as Record<TextName, CodeEditor>
  let editable = false
  for (const name of TEXT_NAMES) {
    const attrs = { role: 'tabpanel', id: `panel-${name}`, class: 'editor-panel', testid: `editor-${name}`, 'aria-labelledby': `tab-${name}` }
    const panel = h('div', { ...attrs, hidden: name !== 'solution' })
    panels[name] = panel
    el.appendChild(panel)
    const label = name === 'solution' ? 'Solution code' : 'Test code'
    editors[name] = new CodeEditor({ parent: panel, label, language, readOnly: true, onRun: cb.run, describedBy: 'editor-keys' })
    // Only what a person does: scrolling to the driver's cursor fires 'scroll', never these.
    panel.addEventListener('wheel', cb.navigated, { passive: true })
    panel.addEventListener('touchstart', cb.navigated, { passive: true })
    panel.addEventListener('mousedown', cb.navigated)
    panel.addEventListener('keydown', (e) => {
      if (MOVING_KEYS.has(e.key)) cb.navigated()
      else if (!editable && isTypingKey(e)) cb.refusedKey()
    })
  }
  const files = fileNames(language)
  let last: EditorsProps | null = null
  let shown: Record<TextName, LineDiagnostic[]> = { solution: [], tests: [] }
  let scrollQueued = false

  // After the render: a scroll or a diagnostics change is a CodeMirror transaction, and
  // a render can come from inside one (a remote cursor moved by our own edit).
  const later = (f: () => void) => queueMicrotask(f)

  const follow = (p: EditorsProps) => {
    if (!p.followTab || scrollQueued) return
    scrollQueued = true
    later(() => {
      scrollQueued = false
      const target = last
      if (target?.followTab) editors[target.followTab].scrollToRange(target.followAnchor, target.followHead)
    })
  }

  const update = (p: EditorsProps) => {
    editable = p.editable
    for (const n of TEXT_NAMES) {
      panels[n].hidden = n !== p.activeTab
      editors[n].setReadOnly(!p.editable)
    }
    el.dataset.readonly = String(!p.editable)
    if (last?.zoom !== p.zoom) for (const n of TEXT_NAMES) editors[n].setZoom(p.zoom)
    // CodeMirror measures itself on resize only: a panel just shown, or one that grew
    // when the statement pane closed, must be asked to.
    if (last && last.statementHidden !== p.statementHidden) for (const n of TEXT_NAMES) editors[n].view.requestMeasure()
    else if (last?.activeTab !== p.activeTab) editors[p.activeTab].view.requestMeasure()
    const moved = !last || last.followTab !== p.followTab || last.followHead !== p.followHead || last.followAnchor !== p.followAnchor || last.activeTab !== p.activeTab
    if (moved) follow(p)
    if (last?.latestRun !== p.latestRun) {
      const next = runDiagnostics(p.latestRun, files, language)
      for (const n of TEXT_NAMES) {
        if (sameDiagnostics(shown[n], next[n])) continue
        const list = next[n]
        later(() => editors[n].showDiagnostics(list))
      }
      shown = next
    }
    last = p
  }
  const bind = (session: SyncSession) => {
    for (const n of TEXT_NAMES) editors[n].bind(session.texts[n], session.awareness)
  }
  return { el, update, bind }
}
