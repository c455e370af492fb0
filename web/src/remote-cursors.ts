// Other people's carets and selections in a CodeMirror editor, from Yjs awareness.
//
// This replaces y-codemirror.next's remote selections. Its caret is a widget inside the
// editable content, holding text nodes ("\u2060", the name, "\u2060"); when the browser
// edits the DOM itself (a select-all replaced through insertText: IMEs, dictation,
// Playwright's keyboard.insertText) CodeMirror reads that text back, and the name went
// into the code. Here nothing is in the content: carets, name labels and selections are
// drawn in CodeMirror layers (positioned overlays beside the content, aria-hidden),
// which the DOM observer never reads. Names are set as textContent, colours only when
// they are #rrggbb (awareness-user.ts).
//
// It also publishes our own cursor in the awareness `cursor` field, as y-codemirror.next
// did, so other clients (theirs or ours) still see it.

import { Annotation, EditorSelection, type Extension } from '@codemirror/state'
import { EditorView, RectangleMarker, ViewPlugin, layer, type LayerMarker, type PluginValue, type ViewUpdate } from '@codemirror/view'
import * as Y from 'yjs'
import { remoteUser } from './awareness-user'

/** What of a y-protocols Awareness this needs. */
export interface AwarenessLike {
  clientID: number
  getLocalState(): Record<string, unknown> | null
  setLocalStateField(field: string, value: unknown): void
  getStates(): Map<number, Record<string, unknown>>
  on(event: 'change', cb: (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => void): void
  off(event: 'change', cb: (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => void): void
}

/** A remote client's cursor in this editor's text. */
export interface RemoteCursor {
  clientId: number
  anchor: number
  head: number
  name: string
  color: string
  colorLight: string
}

/** Marks a transaction that only says "awareness changed: redraw". */
const awarenessChanged = Annotation.define<true>()

function absolute(rel: unknown, ydoc: Y.Doc): Y.AbsolutePosition | null {
  if (!rel) return null
  try {
    return Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(rel), ydoc)
  } catch {
    // A malformed position, or one from another document version: no cursor.
    return null
  }
}

/** Every other client's cursor that lies in `ytext`, clamped to a document of `length`. */
export function remoteCursorsIn(ytext: Y.Text, awareness: AwarenessLike, length: number): RemoteCursor[] {
  const ydoc = ytext.doc
  if (!ydoc) return []
  const out: RemoteCursor[] = []
  awareness.getStates().forEach((state, clientId) => {
    if (clientId === awareness.clientID) return
    const cursor = state?.cursor as { anchor?: unknown; head?: unknown } | null | undefined
    const anchor = absolute(cursor?.anchor, ydoc)
    const head = absolute(cursor?.head, ydoc)
    if (!anchor || !head || anchor.type !== ytext || head.type !== ytext) return
    const user = remoteUser(state) ?? remoteUser({ user: {} })!
    const clamp = (i: number) => Math.max(0, Math.min(length, i))
    out.push({ clientId, anchor: clamp(anchor.index), head: clamp(head.index), name: user.name, color: user.color, colorLight: user.colorLight })
  })
  return out
}

/** A caret with its name label above it (below it on the first line, where above is cut off). */
class CaretMarker implements LayerMarker {
  constructor(
    readonly left: number,
    readonly top: number,
    readonly height: number,
    readonly name: string,
    readonly color: string,
    readonly below: boolean,
  ) {}

  eq(other: LayerMarker): boolean {
    const o = other as CaretMarker
    return o instanceof CaretMarker && o.left === this.left && o.top === this.top && o.height === this.height && o.name === this.name && o.color === this.color && o.below === this.below
  }

  draw(): HTMLElement {
    const el = document.createElement('div')
    el.className = 'cm-remoteCaret'
    const label = document.createElement('div')
    label.className = 'cm-remoteCaretLabel'
    el.appendChild(label)
    this.adjust(el)
    return el
  }

  update(el: HTMLElement, prev: LayerMarker): boolean {
    if (!(prev instanceof CaretMarker)) return false
    this.adjust(el)
    return true
  }

  private adjust(el: HTMLElement): void {
    el.style.left = `${this.left}px`
    el.style.top = `${this.top}px`
    el.style.height = `${this.height}px`
    el.style.borderLeftColor = this.color
    el.dataset.name = this.name
    el.classList.toggle('cm-remoteCaret-below', this.below)
    const label = el.firstElementChild as HTMLElement
    // textContent: a name is never markup.
    if (label.textContent !== this.name) label.textContent = this.name
    label.style.backgroundColor = this.color
  }
}

/** One rectangle of a remote selection, tinted with its owner's colour. */
class SelectionMarker implements LayerMarker {
  constructor(
    readonly rect: RectangleMarker,
    readonly color: string,
  ) {}

  eq(other: LayerMarker): boolean {
    return other instanceof SelectionMarker && other.color === this.color && other.rect.eq(this.rect)
  }

  draw(): HTMLElement {
    const el = this.rect.draw()
    el.style.backgroundColor = this.color
    return el
  }

  update(el: HTMLElement, prev: LayerMarker): boolean {
    if (!(prev instanceof SelectionMarker) || !this.rect.update(el, prev.rect)) return false
    el.style.backgroundColor = this.color
    return true
  }
}

/**
 * Remote carets (named) and selections for `ytext`, from `awareness`; and our own
 * cursor published there while this editor has focus.
 */
export function remoteCursors(ytext: Y.Text, awareness: AwarenessLike): Extension {
  class Plugin implements PluginValue {
    cursors: RemoteCursor[] = []
    private readonly listener: (changes: { added: number[]; updated: number[]; removed: number[] }) => void

    constructor(view: EditorView) {
      this.listener = ({ added, updated, removed }) => {
        // Our own cursor moving is not news to us.
        if ([...added, ...updated, ...removed].some((id) => id !== awareness.clientID)) {
          view.dispatch({ annotations: awarenessChanged.of(true) })
        }
      }
      awareness.on('change', this.listener)
      this.cursors = remoteCursorsIn(ytext, awareness, view.state.doc.length)
    }

    update(update: ViewUpdate): void {
      this.publishOwn(update)
      this.cursors = remoteCursorsIn(ytext, awareness, update.state.doc.length)
    }

    /** Put our selection in the awareness `cursor` field (relative positions), if it moved. */
    private publishOwn(update: ViewUpdate): void {
      const local = awareness.getLocalState()
      // Watchers (the projector) have no awareness state, and so no cursor.
      if (local == null) return
      const focused = update.view.hasFocus && update.view.dom.ownerDocument.hasFocus()
      if (!focused) return
      const sel = update.state.selection.main
      const anchor = Y.createRelativePositionFromTypeIndex(ytext, sel.anchor)
      const head = Y.createRelativePositionFromTypeIndex(ytext, sel.head)
      const current = local.cursor as { anchor?: unknown; head?: unknown } | null | undefined
      const same = (a: unknown, b: Y.RelativePosition) => {
        try {
          return a != null && Y.compareRelativePositions(Y.createRelativePositionFromJSON(a), b)
        } catch {
          return false
        }
      }
      if (!current || !same(current.anchor, anchor) || !same(current.head, head)) {
        awareness.setLocalStateField('cursor', { anchor, head })
      }
    }

    destroy(): void {
      awareness.off('change', this.listener)
    }
  }
  const plugin = ViewPlugin.fromClass(Plugin)
  const cursorsOf = (view: EditorView) => view.plugin(plugin)?.cursors ?? []
  const redraw = (u: ViewUpdate) => u.docChanged || u.viewportChanged || u.transactions.some((tr) => tr.annotation(awarenessChanged))

  const selections = layer({
    above: false,
    class: 'cm-remoteSelections',
    update: redraw,
    markers(view) {
      const out: LayerMarker[] = []
      for (const c of cursorsOf(view)) {
        if (c.anchor === c.head) continue
        const range = EditorSelection.range(c.anchor, c.head)
        for (const rect of RectangleMarker.forRange(view, 'cm-remoteSelection', range)) out.push(new SelectionMarker(rect, c.colorLight))
      }
      return out
    },
  })
  const carets = layer({
    above: true,
    class: 'cm-remoteCarets',
    update: redraw,
    markers(view) {
      const out: LayerMarker[] = []
      const firstLineTop = view.lineBlockAt(0).top
      for (const c of cursorsOf(view)) {
        // Off-screen lines have no coordinates: forRange returns nothing for them.
        const [rect] = RectangleMarker.forRange(view, 'cm-remoteCaret', EditorSelection.cursor(c.head))
        if (!rect) continue
        const below = view.lineBlockAt(c.head).top <= firstLineTop
        out.push(new CaretMarker(rect.left, rect.top, rect.height, c.name, c.color, below))
      }
      return out
    },
  })
  return [plugin, selections, carets, theme]
}

const theme = EditorView.baseTheme({
  '.cm-remoteCarets': { pointerEvents: 'none' },
  '.cm-remoteSelections': { pointerEvents: 'none' },
  '.cm-remoteCaret': {
    position: 'absolute',
    width: '0',
    borderLeft: '2px solid',
    marginLeft: '-1px',
  },
  '.cm-remoteCaretLabel': {
    position: 'absolute',
    left: '-2px',
    bottom: '100%',
    padding: '0 4px',
    borderRadius: '3px 3px 3px 0',
    color: '#fff',
    fontSize: '0.75em',
    lineHeight: '1.35',
    fontWeight: '600',
    whiteSpace: 'nowrap',
    userSelect: 'none',
  },
  '.cm-remoteCaret-below .cm-remoteCaretLabel': {
    bottom: 'auto',
    top: '100%',
    borderRadius: '0 3px 3px 3px',
  },
  '.cm-remoteSelection': { position: 'absolute' },
})
