// Who drives, navigates and is next, and what that means for this browser.

import type { Participant, Room, Rotation } from './api'

export type Role = 'driving' | 'navigating' | 'next' | 'watching'

export interface Roles {
  driver: string | null
  navigator: string | null
  next: string | null
}

/**
 * The server decides the roles; before the first start (status idle) it may leave them
 * null, in which case the queue order says who will drive first.
 */
export function rolesOf(rot: Rotation | null | undefined): Roles {
  if (!rot) return { driver: null, navigator: null, next: null }
  const q = rot.queue ?? []
  const idle = rot.status === 'idle'
  return {
    driver: rot.driver ?? (idle ? (q[0] ?? null) : null),
    navigator: rot.navigator ?? (idle ? (q[1] ?? null) : null),
    next: rot.next ?? (idle ? (q[2] ?? null) : null),
  }
}

export function roleOf(rot: Rotation | null | undefined, me: string | null): Role {
  if (!me) return 'watching'
  const r = rolesOf(rot)
  if (r.driver === me) return 'driving'
  if (r.navigator === me) return 'navigating'
  if (r.next === me) return 'next'
  return 'watching'
}

/**
 * Would the server accept document edits from this participant right now?
 * Free mode: every participant. Strict mode: the driver, while a turn is on (or before
 * the start); nobody during a break or after the end.
 */
export function canEdit(room: Room | null, me: string | null): boolean {
  if (!room || !me) return false
  if (room.settings?.mode === 'free') return true
  const rot = room.rotation
  if (!rot) return false
  if (rot.status === 'break' || rot.status === 'ended') return false
  if (rot.status === 'paused' && rot.paused_in === 'break') return false
  return rolesOf(rot).driver === me
}

export function participantMap(room: Room | null): Map<string, Participant> {
  return new Map((room?.participants ?? []).map((p) => [p.id, p]))
}

/** Participants the facilitator skipped (out of the rotation until unskipped). */
export function skippedOf(room: Room): Set<string> {
  return new Set(room.rotation.skipped)
}

/** Every participant in rotation order (the server's `order`, then anyone it does not list yet). */
export function fullOrder(room: Room): string[] {
  const known = new Set(room.participants.map((p) => p.id))
  const out = room.rotation.order.filter((id) => known.has(id))
  for (const p of room.participants) if (!out.includes(p.id)) out.push(p.id)
  return out
}
