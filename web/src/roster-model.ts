// The roster as data: who is shown in which place with which role and badges, and the
// new order when the facilitator moves someone. Pure; roster.ts renders it.

import type { Room } from './api'
import { fullOrder, rolesOf, skippedOf } from './roles'

export type RosterRole = 'driver' | 'navigator' | 'next'

export const ROSTER_ROLE_LABEL: Record<RosterRole, string> = { driver: 'driving', navigator: 'navigating', next: 'next up' }

export interface RosterRow {
  id: string
  name: string
  online: boolean
  me: boolean
  /** 1-based place in the rotation queue; null when not queued. */
  position: number | null
  role: RosterRole | null
  skipped: boolean
  /** Out of the rotation for being offline (the grace period passed, or not queued). */
  away: boolean
  /** Place in the full rotation order, for the facilitator's ↑/↓. */
  canMoveUp: boolean
  canMoveDown: boolean
}

export interface RosterModel {
  rows: RosterRow[]
  /** Every participant in rotation order: what a reorder sends back, edited. */
  order: string[]
}

function roleIn(roles: ReturnType<typeof rolesOf>, id: string): RosterRole | null {
  if (roles.driver === id) return 'driver'
  if (roles.navigator === id) return 'navigator'
  if (roles.next === id) return 'next'
  return null
}

export function rosterModel(room: Room, me: string | null): RosterModel {
  const roles = rolesOf(room.rotation)
  const queue = room.rotation?.queue ?? []
  const skipped = skippedOf(room)
  const absent = new Set(room.rotation?.absent ?? [])
  const byId = new Map(room.participants.map((p) => [p.id, p]))
  const order = fullOrder(room)
  // The queue first (role holders lead it), then everyone else in rotation order.
  const shown = [...queue.filter((id) => byId.has(id)), ...order.filter((id) => !queue.includes(id))]
  const rows = shown.map((id): RosterRow => {
    const p = byId.get(id)!
    const pos = queue.indexOf(id)
    const orderIndex = order.indexOf(id)
    return {
      id,
      name: p.name,
      online: p.online,
      me: id === me,
      position: pos >= 0 ? pos + 1 : null,
      role: roleIn(roles, id),
      skipped: skipped.has(id),
      away: absent.has(id) || (!p.online && pos < 0),
      canMoveUp: orderIndex > 0,
      canMoveDown: orderIndex < order.length - 1,
    }
  })
  return { rows, order }
}

/** `order` with `id` swapped one place earlier (-1) or later (+1); null at either end. */
export function moveInOrder(order: readonly string[], id: string, delta: -1 | 1): string[] | null {
  const i = order.indexOf(id)
  const j = i + delta
  if (i < 0 || j < 0 || j >= order.length) return null
  const next = [...order]
  ;[next[i], next[j]] = [next[j], next[i]]
  return next
}

/**
 * Who is away, for the projector's line: everyone offline, in join order, those out
 * of the rotation (past the grace period) marked so. Empty when everyone is here.
 */
export function awayLine(room: Room): string {
  const absent = new Set(room.rotation?.absent ?? [])
  const away = room.participants.filter((p) => !p.online)
  if (away.length === 0) return ''
  const names = away.map((p) => (absent.has(p.id) ? `${p.name} (out of the rotation)` : p.name))
  return `Away: ${names.join(', ')}`
}
