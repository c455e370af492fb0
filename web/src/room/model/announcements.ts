// What the room page tells people in toasts: role changes, time up, refused edits.
// Pure: the page decides when; these decide what.

import type { Rotation, Settings } from '../../api'
import { canEdit, rolesOf, type Role } from '../../roles'
import type { NameOf } from '../../run-format'
import type { RoomState } from './state'

export type ToastKind = 'info' | 'error' | 'success'

export interface Toast {
  message: string
  kind: ToastKind
}

/** The role to remember: unknown until the first hello, then always the current one. */
export function nextLastRole(last: Role | null, helloSeen: boolean, role: Role): Role | null {
  return last === null && !helloSeen ? null : role
}

/** The toast for a change of role; none for the first role known or for watching. */
export function roleToast(previous: Role | null, current: Role | null): Toast | null {
  if (previous === null || current === null || previous === current) return null
  if (current === 'driving') return { message: 'You are driving now.', kind: 'success' }
  if (current === 'navigating') return { message: 'You are navigating now.', kind: 'info' }
  if (current === 'next') return { message: 'You are next up.', kind: 'info' }
  return null
}

/** The body of the time-up alert: what happens now that the turn is over. */
export function timeUpMessage(rot: Rotation, settings: Settings, nameOf: NameOf): string {
  const r = rolesOf(rot)
  if (rot.status === 'waiting') return settings.time_up === 'on_green' ? 'Rotating at the next green test run.' : 'Waiting for the facilitator.'
  if (rot.status === 'break') return `Break time! Then ${nameOf(r.driver)} drives.`
  return `${nameOf(r.driver)} drives now${r.navigator ? `, ${nameOf(r.navigator)} navigates` : ''}.`
}

/** 45 000 → "45 seconds", 90 000 → "1 minute 30 seconds"; rounded up, as the countdown is. */
export function remainingWords(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const m = Math.floor(total / 60)
  const sec = total % 60
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`
  if (m === 0) return part(sec, 'second')
  return sec ? `${part(m, 'minute')} ${part(sec, 'second')}` : part(m, 'minute')
}

/**
 * The "time almost up" toast. `remainingMs` is what the countdown shows when the
 * warning arrives (its deadline against the server clock), not the warning setting:
 * a warning that comes late, or a turn shorter than the lead, says the real time.
 */
export function warningMessage(remainingMs: number): string {
  return `${remainingWords(remainingMs)} left in this turn.`
}

/**
 * Was an edit_refused about this browser's edits? Some servers send it to every socket
 * with the refused participant's id; without an id, it is ours if we may not edit.
 */
export function refusalIsOurs(s: RoomState, participant: string | null | undefined): boolean {
  if (!s.meId) return false
  return participant ? participant === s.meId : !canEdit(s.room, s.meId)
}
