// A CodeMirror 6 editor bound to one Y.Text with y-codemirror.next (document sync and
// undo); remote carets are our own (remote-cursors.ts); run errors show as lint
// diagnostics at their line; the font scales with the page's zoom.

import { basicSetup } from 'codemirror'
import { javascript } from '@codemirror/lang-javascript'
import { python } from '@codemirror/lang-python'
import { Compartment, EditorSelection, EditorState, Prec, type Extension } from '@codemirror/state'
import { EditorView, keymap } from '@codemirror/view'
import { indentWithTab } from '@codemirror/commands'
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint'
import * as Y from 'yjs'
import { yCollab, yUndoManagerKeymap } from 'y-codemirror.next'
import type { LineDiagnostic } from './diagnostics'
import type { Language } from './languages'
import { remoteCursors, type AwarenessLike } from './remote-cursors'

/** The syntax mode for a room's language. */
function languageSupport(language: Language): Extension {
  return language === 'javascript' ? javascript() : python()
}

export interface CodeEditorOptions {
  parent: HTMLElement
  /** Accessible name of the editing area, e.g. "Solution code". */
  label: string
  /** The room's language: the syntax mode. */
  language: Language
  readOnly: boolean
  /** Ctrl/Cmd+Enter. */
  onRun?: () => void
  /** Projector: no undo manager, no local cursor. */
  watcher?: boolean
  /** Id of an element describing the keys (aria-describedby). */
  describedBy?: string
}

export class CodeEditor {
  readonly view: EditorView
  private readOnly: boolean
  private readonly readOnlyC = new Compartment()
  private readonly editableC = new Compartment()
  private diagnostics: readonly LineDiagnostic[] = []

  constructor(private readonly opts: CodeEditorOptions) {
    this.readOnly = opts.readOnly
    this.view = new EditorView({ parent: opts.parent, state: this.createState(null, null) })
    this.view.dom.dataset.readonly = String(this.readOnly)
    this.view.dom.dataset.language = opts.language
  }

  private createState(ytext: Y.Text | null, awareness: unknown): EditorState {
    const extensions: Extension[] = [
      Prec.highest(
        keymap.of([
          {
            key: 'Mod-Enter',
            run: () => {
              this.opts.onRun?.()
              return true
            },
          },
        ]),
      ),
      keymap.of([...yUndoManagerKeymap, indentWithTab]),
      basicSetup,
      languageSupport(this.opts.language),
      EditorView.lineWrapping,
      lintGutter(),
      // tabindex keeps a read-only editor reachable by keyboard, to read and scroll the code.
      EditorView.contentAttributes.of({ 'aria-label': this.opts.label, tabindex: '0', ...(this.opts.describedBy ? { 'aria-describedby': this.opts.describedBy } : {}) }),
      this.readOnlyC.of(EditorState.readOnly.of(this.readOnly)),
      this.editableC.of(EditorView.editable.of(!this.readOnly)),
    ]
    if (ytext) {
      // No awareness for yCollab: its remote carets put names into the editable DOM
      // (see remote-cursors.ts); ours are drawn beside it.
      extensions.push(yCollab(ytext, null, this.opts.watcher ? { undoManager: false } : undefined))
      if (awareness) extensions.push(remoteCursors(ytext, awareness as AwarenessLike))
    }
    return EditorState.create({ doc: ytext ? ytext.toString() : '', extensions })
  }

  /** (Re)bind to a Y.Text; used at start and after a document reset. */
  bind(ytext: Y.Text, awareness: unknown): void {
    const hadFocus = this.view.hasFocus
    this.view.setState(this.createState(ytext, awareness))
    if (this.diagnostics.length) this.showDiagnostics(this.diagnostics)
    if (hadFocus && !this.readOnly) this.view.focus()
  }

  /**
   * Show run errors at their lines (lint squiggle, gutter marker, hover message); an
   * empty list clears them. Lines past the end are put on the last line. Kept across a
   * document reset, and moved with edits by CodeMirror until the next call.
   */
  showDiagnostics(list: readonly LineDiagnostic[]): void {
    this.diagnostics = list
    const doc = this.view.state.doc
    const diagnostics: Diagnostic[] = list.map((d) => {
      const line = doc.line(Math.max(1, Math.min(doc.lines, d.line)))
      return { from: line.from, to: line.to, severity: d.severity, message: d.message, source: d.source }
    })
    this.view.dispatch(setDiagnostics(this.view.state, diagnostics))
  }

  /** Bring a (remote) cursor or selection into view, a few lines from the edge. */
  scrollToRange(anchor: number, head: number): void {
    const len = this.view.state.doc.length
    const clamp = (i: number) => Math.max(0, Math.min(len, i))
    const range = EditorSelection.range(clamp(anchor), clamp(head))
    const margin = Math.round(this.view.defaultLineHeight * 3)
    this.view.dispatch({ effects: EditorView.scrollIntoView(range, { y: 'nearest', yMargin: margin }) })
  }

  /** Scale the code's font (1 = the page's size); CodeMirror must re-measure its lines. */
  setZoom(zoom: number): void {
    this.view.dom.style.setProperty('--code-zoom', String(zoom))
    this.view.requestMeasure()
  }

  setReadOnly(readOnly: boolean): void {
    if (readOnly === this.readOnly) return
    this.readOnly = readOnly
    this.view.dispatch({
      effects: [
        this.readOnlyC.reconfigure(EditorState.readOnly.of(readOnly)),
        this.editableC.reconfigure(EditorView.editable.of(!readOnly)),
      ],
    })
    this.view.dom.dataset.readonly = String(readOnly)
  }

  get isReadOnly(): boolean {
    return this.readOnly
  }

  focus(): void {
    this.view.focus()
  }

  destroy(): void {
    this.view.destroy()
  }
}
