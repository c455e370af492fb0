// Reads remote cursors out of a sync session's awareness: who is in which file.
// Yjs positions are relative to the document, so each is resolved to find its text.

import * as Y from 'yjs'
import type { SyncSession } from '../sync'
import { TEXT_NAMES, type TextName } from '../texts'
import type { PresenceEntry } from './model/state'

function tabOf(session: SyncSession, anchor: unknown): TextName | null {
  let abs: Y.AbsolutePosition | null = null
  try {
    abs = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(anchor), session.doc)
  } catch {
    // A position from another document version: no cursor to show.
    return null
  }
  if (!abs) return null
  return TEXT_NAMES.find((n) => session.texts[n] === abs.type) ?? null
}

/** Every other client's cursor, in awareness order; ours is left out. */
export function readPresence(session: SyncSession): PresenceEntry[] {
  const out: PresenceEntry[] = []
  session.awareness.getStates().forEach((state: Record<string, any>, clientId: number) => {
    if (clientId === session.doc.clientID) return
    const anchor = state?.cursor?.anchor
    if (!anchor || !state.user) return
    const tab = tabOf(session, anchor)
    if (!tab) return
    out.push({ id: state.user.id ?? null, name: String(state.user.name ?? '?'), color: String(state.user.color ?? '#888'), tab })
  })
  return out
}

/** Call `onChange` with fresh presence whenever the session's awareness changes. */
export function watchPresence(session: SyncSession, onChange: (presence: PresenceEntry[]) => void): () => void {
  const listener = () => onChange(readPresence(session))
  session.awareness.on('change', listener)
  return () => session.awareness.off('change', listener)
}
