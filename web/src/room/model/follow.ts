// Presence as data: which remote cursors are in which file, and "follow the driver":
// their file, and their cursor kept in view, until our own scrolling pauses it.

import { rolesOf } from '../../roles'
import { TEXT_NAMES, type TextName } from '../../texts'
import type { PresenceEntry, RoomState } from './state'

export function samePresence(a: readonly PresenceEntry[], b: readonly PresenceEntry[]): boolean {
  return (
    a.length === b.length &&
    a.every((p, i) => p.id === b[i].id && p.name === b[i].name && p.color === b[i].color && p.tab === b[i].tab && p.head === b[i].head && p.anchor === b[i].anchor)
  )
}

export function presenceByTab(presence: readonly PresenceEntry[]): Record<TextName, PresenceEntry[]> {
  const byTab = Object.fromEntries(TEXT_NAMES.map((n) => [n, [] as PresenceEntry[]])) as Record<TextName, PresenceEntry[]>
  for (const p of presence) byTab[p.tab].push(p)
  return byTab
}

/** The cursor of participant `id`: the driver may have two tabs open, the last reported wins. */
export function cursorOf(presence: readonly PresenceEntry[], id: string | null): PresenceEntry | null {
  if (!id) return null
  let found: PresenceEntry | null = null
  for (const p of presence) if (p.id === id) found = p
  return found
}

/** Someone else drives, and we follow them (not paused). */
function following(s: RoomState): string | null {
  if (!s.followDriver || s.followPaused) return null
  const driver = rolesOf(s.room.rotation).driver
  return driver && driver !== s.meId ? driver : null
}

/**
 * The file to switch to so this browser follows the driver, or null to stay: only when
 * following (on, not paused), someone else drives, and the driver's cursor is in another file.
 */
export function followedTab(s: RoomState): TextName | null {
  const tab = cursorOf(s.presence, following(s))?.tab ?? null
  return tab && tab !== s.activeTab ? tab : null
}

export interface FollowTarget {
  tab: TextName
  anchor: number
  head: number
}

/** Where the editors should keep in view while following, or null. */
export function followTarget(s: RoomState): FollowTarget | null {
  const c = cursorOf(s.presence, following(s))
  return c ? { tab: c.tab, anchor: c.anchor, head: c.head } : null
}

export function followDriver(s: RoomState): RoomState {
  const tab = followedTab(s)
  return tab ? { ...s, activeTab: tab } : s
}

export type FollowMode = 'off' | 'on' | 'paused'

/** The follow button's state: paused only means something while following is on. */
export function followMode(s: RoomState): FollowMode {
  if (!s.followDriver) return 'off'
  return s.followPaused ? 'paused' : 'on'
}

/** Our own scroll or click pauses following, when there is someone to follow. */
export function pauseFollow(s: RoomState): RoomState {
  if (!s.followDriver || s.followPaused) return s
  const driver = rolesOf(s.room.rotation).driver
  if (!driver || driver === s.meId) return s
  return { ...s, followPaused: true }
}
