// A navigator typing into the read-only editor: which keys count, and the one short
// notice they get ("Ada has the keyboard") instead of nothing at all, or a toast per key.

import { rolesOf } from '../../roles'
import { nameIn } from './names'
import type { RoomState } from './state'

export interface KeyLike {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
}

/**
 * A key that would type or delete. Shortcuts (Ctrl/Cmd: copy, select all, run) and
 * moving keys (arrows, Page Up, Tab to leave) are what a navigator reads the code with.
 */
export function isTypingKey(e: KeyLike): boolean {
  if (e.ctrlKey || e.metaKey) return false
  if ([...e.key].length === 1) return true
  return e.key === 'Backspace' || e.key === 'Delete' || e.key === 'Enter'
}

/** Who has the keyboard, or why nobody here does. */
export function keyboardNotice(s: RoomState): string {
  if (!s.meId) return 'You are watching: join the room to type'
  if (!s.sync.synced) return 'One moment: the code is still syncing'
  const status = s.room.rotation?.status
  if (status === 'break') return 'Nobody types during the break'
  if (status === 'ended') return 'The session has ended'
  const driver = rolesOf(s.room.rotation).driver
  if (!driver) return 'Nobody has the keyboard yet'
  return `${nameIn(s.room.participants, driver)} has the keyboard`
}
