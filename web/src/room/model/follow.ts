// Presence as data: which remote cursors are in which file, and "follow the driver".

import { rolesOf } from '../../roles'
import { TEXT_NAMES, type TextName } from '../../texts'
import type { PresenceEntry, RoomState } from './state'

export function samePresence(a: readonly PresenceEntry[], b: readonly PresenceEntry[]): boolean {
  return a.length === b.length && a.every((p, i) => p.id === b[i].id && p.name === b[i].name && p.color === b[i].color && p.tab === b[i].tab)
}

export function presenceByTab(presence: readonly PresenceEntry[]): Record<TextName, PresenceEntry[]> {
  const byTab = Object.fromEntries(TEXT_NAMES.map((n) => [n, [] as PresenceEntry[]])) as Record<TextName, PresenceEntry[]>
  for (const p of presence) byTab[p.tab].push(p)
  return byTab
}

/**
 * The file to switch to so this browser follows the driver, or null to stay: only when
 * following is on, someone else drives, and the driver's cursor is in another file.
 */
export function followedTab(s: RoomState): TextName | null {
  if (!s.followDriver) return null
  const driver = rolesOf(s.room.rotation).driver
  if (!driver || driver === s.meId) return null
  let tab: TextName | null = null
  // The driver may have two tabs open: the last cursor reported wins.
  for (const p of s.presence) if (p.id === driver) tab = p.tab
  return tab && tab !== s.activeTab ? tab : null
}

export function followDriver(s: RoomState): RoomState {
  const tab = followedTab(s)
  return tab ? { ...s, activeTab: tab } : s
}
