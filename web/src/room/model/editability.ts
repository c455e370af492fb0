// May this browser type, and if not, the one-line reason shown next to the tabs.

import { canEdit, roleOf, rolesOf } from '../../roles'
import { nameIn } from './names'
import type { RoomState } from './state'

export interface Editability {
  editable: boolean
  /** Empty when editable. */
  why: string
  /** The driver types where they like: "follow the driver" is for everyone else. */
  followHidden: boolean
}

function readOnlyReason(s: RoomState): string {
  if (!s.meId) return 'Read-only: you are watching'
  if (!s.sync.synced) return 'Read-only until synced'
  const status = s.room.rotation?.status
  if (status === 'break') return 'Read-only during the break'
  if (status === 'ended') return 'Read-only: the session has ended'
  return `Read-only: ${nameIn(s.room.participants, rolesOf(s.room.rotation).driver)} drives`
}

/**
 * Editable exactly when the server would accept our edits (roles.ts canEdit) and the
 * document has synced: typing into a stale copy would only be refused and reset.
 */
export function editability(s: RoomState): Editability {
  const editable = canEdit(s.room, s.meId) && s.sync.synced
  return { editable, why: editable ? '' : readOnlyReason(s), followHidden: roleOf(s.room.rotation, s.meId) === 'driving' }
}
