// A CodeMirror 6 editor bound to one Y.Text with y-codemirror.next.

import { basicSetup } from 'codemirror'
import { javascript } from '@codemirror/lang-javascript'
import { python } from '@codemirror/lang-python'
import { Compartment, EditorState, Prec, type Extension } from '@codemirror/state'
import { EditorView, keymap } from '@codemirror/view'
import { indentWithTab } from '@codemirror/commands'
import * as Y from 'yjs'
import { yCollab, yUndoManagerKeymap } from 'y-codemirror.next'
import type { Language } from './languages'

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
      // tabindex keeps a read-only editor reachable by keyboard, to read and scroll the code.
      EditorView.contentAttributes.of({ 'aria-label': this.opts.label, tabindex: '0', ...(this.opts.describedBy ? { 'aria-describedby': this.opts.describedBy } : {}) }),
      this.readOnlyC.of(EditorState.readOnly.of(this.readOnly)),
      this.editableC.of(EditorView.editable.of(!this.readOnly)),
    ]
    if (ytext) {
      extensions.push(yCollab(ytext, awareness, this.opts.watcher ? { undoManager: false } : undefined))
    }
    return EditorState.create({ doc: ytext ? ytext.toString() : '', extensions })
  }

  /** (Re)bind to a Y.Text; used at start and after a document reset. */
  bind(ytext: Y.Text, awareness: unknown): void {
    const hadFocus = this.view.hasFocus
    this.view.setState(this.createState(ytext, awareness))
    if (hadFocus && !this.readOnly) this.view.focus()
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
