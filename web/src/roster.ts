// The roster: everyone in the room, in rotation order, with presence and roles.

import type { Room, RotationAction } from './api'
import { colourFor, h, initials, replace } from './dom'
import { fullOrder, rolesOf, skippedOf } from './roles'

export interface RosterOptions {
  me: string | null
  /** Present when this browser is the facilitator. */
  act?: (action: RotationAction) => void
}

export function renderRoster(el: HTMLElement, room: Room, opts: RosterOptions): void {
  const roles = rolesOf(room.rotation)
  const queue = room.rotation?.queue ?? []
  const skipped = skippedOf(room)
  const absent = new Set(room.rotation?.absent ?? [])
  const byId = new Map(room.participants.map((p) => [p.id, p]))
  // Role holders first, then the rest of the rotation order.
  const order = fullOrder(room)
  const shown = [...queue.filter((id) => byId.has(id)), ...order.filter((id) => !queue.includes(id))]
  const act = opts.act

  const move = (id: string, delta: number) => {
    const next = [...order]
    const i = next.indexOf(id)
    const j = i + delta
    if (i < 0 || j < 0 || j >= next.length) return
    ;[next[i], next[j]] = [next[j], next[i]]
    act?.({ action: 'reorder', order: next })
  }

  const row = (id: string) => {
    const p = byId.get(id)!
    const pos = queue.indexOf(id)
    const isSkipped = skipped.has(id)
    const isAway = absent.has(id) || (!p.online && pos < 0)
    const role = roles.driver === id ? 'driver' : roles.navigator === id ? 'navigator' : roles.next === id ? 'next' : null
    const roleLabel = role === 'driver' ? 'driving' : role === 'navigator' ? 'navigating' : role === 'next' ? 'next up' : null
    const colour = colourFor(id).color
    const orderIndex = order.indexOf(id)
    return h(
      'li',
      {
        class: `roster-item${role ? ` role-${role}` : ''}${id === opts.me ? ' me' : ''}${isSkipped ? ' skipped' : ''}`,
        testid: 'roster-item',
        dataset: { participantId: id, role: role ?? '', online: String(p.online), skipped: String(isSkipped) },
      },
      h(
        'span',
        { class: `presence ${p.online ? 'online' : 'offline'}`, testid: 'presence', title: p.online ? 'online' : 'offline' },
        h('span', { class: 'visually-hidden' }, p.online ? 'online' : 'offline'),
      ),
      h('span', { class: 'roster-pos', 'aria-hidden': 'true' }, pos >= 0 ? String(pos + 1) : '–'),
      h('span', { class: 'avatar', style: { backgroundColor: colour }, 'aria-hidden': 'true' }, initials(p.name)),
      h('span', { class: 'roster-name', testid: 'roster-name' }, p.name, id === opts.me ? h('span', { class: 'muted' }, ' (you)') : null),
      roleLabel ? h('span', { class: `badge role-badge role-${role}`, testid: 'roster-role' }, roleLabel) : null,
      isSkipped ? h('span', { class: 'badge' }, 'sitting out') : isAway ? h('span', { class: 'badge' }, 'away') : null,
      act
        ? h(
            'span',
            { class: 'roster-actions' },
            h('button', { type: 'button', class: 'icon small', 'aria-label': `Move ${p.name} earlier`, title: 'Earlier', disabled: orderIndex <= 0, testid: 'roster-up', onclick: () => move(id, -1) }, '↑'),
            h('button', { type: 'button', class: 'icon small', 'aria-label': `Move ${p.name} later`, title: 'Later', disabled: orderIndex >= order.length - 1, testid: 'roster-down', onclick: () => move(id, 1) }, '↓'),
            isSkipped
              ? h('button', { type: 'button', class: 'small', testid: 'facilitator-unskip', 'aria-label': `Bring ${p.name} back`, onclick: () => act({ action: 'unskip', participant: id }) }, 'Unskip')
              : h('button', { type: 'button', class: 'small', testid: 'facilitator-skip', 'aria-label': `Skip ${p.name}`, onclick: () => act({ action: 'skip', participant: id }) }, 'Skip'),
          )
        : null,
    )
  }

  if (shown.length === 0) {
    replace(el, h('li', { class: 'muted' }, 'Nobody has joined yet.'))
    return
  }
  replace(el, ...shown.map(row))
}
