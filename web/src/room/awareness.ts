// Reads remote cursors out of a sync session's awareness: who is in which file, and
// where. Yjs positions are relative to the document, so each is resolved to find its
// text (that is how we know a cursor's file: no separate field needed) and its index.

import * as Y from 'yjs'
import { remoteUser } from '../awareness-user'
import type { SyncSession } from '../sync'
import { TEXT_NAMES, type TextName } from '../texts'
import type { PresenceEntry } from './model/state'

function resolve(session: SyncSession, rel: unknown): { tab: TextName; index: number } | null {
  if (!rel) return null
  let abs: Y.AbsolutePosition | null = null
  try {
    abs = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(rel), session.doc)
  } catch {
    // A position from another document version: no cursor to show.
    return null
  }
  if (!abs) return null
  const tab = TEXT_NAMES.find((n) => session.texts[n] === abs.type)
  return tab ? { tab, index: abs.index } : null
}

/** Every other client's cursor, in awareness order; ours is left out. */
export function readPresence(session: SyncSession): PresenceEntry[] {
  const out: PresenceEntry[] = []
  session.awareness.getStates().forEach((state: Record<string, unknown>, clientId: number) => {
    if (clientId === session.doc.clientID) return
    const user = remoteUser(state)
    const cursor = state?.cursor as { anchor?: unknown; head?: unknown } | null | undefined
    if (!user || !cursor) return
    const head = resolve(session, cursor.head)
    if (!head) return
    const anchor = resolve(session, cursor.anchor)
    // Name and colour are checked (awareness-user.ts): they reach the tabs' dots.
    out.push({ id: user.id, name: user.name, color: user.color, tab: head.tab, head: head.index, anchor: anchor?.tab === head.tab ? anchor.index : head.index })
  })
  return out
}

/** Call `onChange` with fresh presence whenever the session's awareness changes. */
export function watchPresence(session: SyncSession, onChange: (presence: PresenceEntry[]) => void): () => void {
  const listener = () => onChange(readPresence(session))
  session.awareness.on('change', listener)
  // Positions resolve against the document: a remote edit can move a cursor (or make
  // one resolvable at all, once the text it points into has synced).
  const onDoc = () => onChange(readPresence(session))
  session.doc.on('update', onDoc)
  return () => {
    session.awareness.off('change', listener)
    session.doc.off('update', onDoc)
  }
}
