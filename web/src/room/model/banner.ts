// The role banner's words: what this browser's person does now, and who else does what.

import type { Room } from '../../api'
import { roleOf, rolesOf, type Role } from '../../roles'
import { nameIn } from './names'

export interface BannerView {
  role: Role
  status: string
  /** The short pill: "driving", "next up"… */
  pill: string
  text: string
}

const STATUS_PREFIX: Record<string, string> = {
  idle: 'Not started yet.',
  paused: 'Paused.',
  break: 'Break time!',
  waiting: "Time's up!",
  ended: 'The session has ended.',
  running: '',
}

/** The names a banner line may use; `who` is "Ada drives, Bob navigates". */
interface Cast {
  driver: string | null
  driverName: string
  navigatorName: string | null
  who: string
}

/** During a break the roles shown are those of the turn after it. */
function breakLine(role: Role, c: Cast): string {
  if (role === 'driving') return 'You drive after the break.'
  if (role === 'navigating') return 'You navigate after the break.'
  return c.driver ? `After the break ${c.who}.` : ''
}

function roleLine(role: Role, joined: boolean, c: Cast): string {
  if (role === 'driving') return c.navigatorName ? `You are driving. Type what ${c.navigatorName} suggests.` : 'You are driving.'
  if (role === 'navigating') return `You are navigating. Guide ${c.driverName} in words.`
  if (role === 'next') return `You are next up. ${c.who}.`
  if (joined) return `You are watching. ${c.driver ? `${c.who}.` : ''}`
  return `You are watching${c.driver ? `: ${c.who}` : ''}.`
}

export function bannerView(room: Room, meId: string | null): BannerView {
  const rot = room.rotation
  const roles = rolesOf(rot)
  const role = roleOf(rot, meId)
  const status = rot?.status ?? 'idle'
  const driverName = nameIn(room.participants, roles.driver)
  const navigatorName = roles.navigator ? nameIn(room.participants, roles.navigator) : null
  const who = `${driverName} drives${navigatorName ? `, ${navigatorName} navigates` : ''}`
  const cast: Cast = { driver: roles.driver, driverName, navigatorName, who }
  const main = status === 'break' ? breakLine(role, cast) : roleLine(role, meId !== null, cast)
  const prefix = STATUS_PREFIX[status] ? `${STATUS_PREFIX[status]} ` : ''
  const free = room.settings?.mode === 'free' ? ' (free mode: everyone may type)' : ''
  return { role, status, pill: role === 'next' ? 'next up' : role, text: `${prefix}${main}${free}` }
}
