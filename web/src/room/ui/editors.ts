// The two CodeMirror editors, one tab panel each, read-only unless we may type.

import { h } from '../../dom'
import { CodeEditor } from '../../editor'
import type { Language } from '../../languages'
import type { SyncSession } from '../../sync'
import { TEXT_NAMES, type TextName } from '../../texts'
import type { View } from '../../view'

export interface EditorsProps {
  activeTab: TextName
  editable: boolean
  statementHidden: boolean
}

export interface EditorsView extends View<EditorsProps> {
  /** Bind both editors to a (new) sync session: at start and after a document reset. */
  bind(session: SyncSession): void
}

/** `language`: the room's, fixed for its life (the syntax mode). */
export function createEditors(onRun: () => void, language: Language): EditorsView {
  const el = h('div', { class: 'editors' })
  const panels = {} as Record<TextName, HTMLElement>
  const editors = {} as Record<TextName, CodeEditor>
  for (const name of TEXT_NAMES) {
    const attrs = { role: 'tabpanel', id: `panel-${name}`, class: 'editor-panel', testid: `editor-${name}`, 'aria-labelledby': `tab-${name}` }
    panels[name] = h('div', { ...attrs, hidden: name !== 'solution' })
    el.appendChild(panels[name])
    const label = name === 'solution' ? 'Solution code' : 'Test code'
    editors[name] = new CodeEditor({ parent: panels[name], label, language, readOnly: true, onRun, describedBy: 'editor-keys' })
  }
  let last: EditorsProps | null = null
  const update = (p: EditorsProps) => {
    for (const n of TEXT_NAMES) {
      panels[n].hidden = n !== p.activeTab
      editors[n].setReadOnly(!p.editable)
    }
    el.dataset.readonly = String(!p.editable)
    // CodeMirror measures itself on resize only: a panel just shown, or one that grew
    // when the statement pane closed, must be asked to.
    if (last && last.statementHidden !== p.statementHidden) for (const n of TEXT_NAMES) editors[n].view.requestMeasure()
    else if (last?.activeTab !== p.activeTab) editors[p.activeTab].view.requestMeasure()
    last = p
  }
  const bind = (session: SyncSession) => {
    for (const n of TEXT_NAMES) editors[n].bind(session.texts[n], session.awareness)
  }
  return { el, update, bind }
}
