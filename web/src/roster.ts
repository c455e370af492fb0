// The roster: everyone in the room, in rotation order, with presence and roles.
// Rows are keyed by participant id and updated in place, so a presence or role change
// leaves the facilitator's ↑/↓/Skip buttons (and keyboard focus on them) alone.

import type { Room, RotationAction } from './api'
import { h } from './dom'
import { colourFor, initials } from './format'
import { keyedList, placeChildren } from './keyed'
import { moveInOrder, rosterModel, ROSTER_ROLE_LABEL, type RosterModel, type RosterRow } from './roster-model'

export interface RosterOptions {
  me: string | null
  /** Present when this browser is the facilitator. */
  act?: (action: RotationAction) => void
}

/** The facilitator's per-row buttons; their handlers read the row as it is now. */
function rowActions(row: () => RosterRow, order: () => string[], act: (a: RotationAction) => void) {
  const move = (delta: -1 | 1) => {
    const next = moveInOrder(order(), row().id, delta)
    if (next) act({ action: 'reorder', order: next })
  }
  const up = h('button', { type: 'button', class: 'icon small', title: 'Earlier', testid: 'roster-up', onclick: () => move(-1) }, '↑')
  const down = h('button', { type: 'button', class: 'icon small', title: 'Later', testid: 'roster-down', onclick: () => move(1) }, '↓')
  // One button that flips between Skip and Unskip, so focus stays on it across the flip.
  const skip = h('button', { type: 'button', class: 'small', onclick: () => act({ action: row().skipped ? 'unskip' : 'skip', participant: row().id }) })
  const el = h('span', { class: 'roster-actions' }, up, down, skip)
  const update = (r: RosterRow) => {
    up.setAttribute('aria-label', `Move ${r.name} earlier`)
    down.setAttribute('aria-label', `Move ${r.name} later`)
    up.disabled = !r.canMoveUp
    down.disabled = !r.canMoveDown
    skip.dataset.testid = r.skipped ? 'facilitator-unskip' : 'facilitator-skip'
    skip.setAttribute('aria-label', r.skipped ? `Bring ${r.name} back` : `Skip ${r.name}`)
    if (skip.textContent !== (r.skipped ? 'Unskip' : 'Skip')) skip.textContent = r.skipped ? 'Unskip' : 'Skip'
  }
  return { el, update }
}

function rosterRow(first: RosterRow, order: () => string[], opts: RosterOptions) {
  let current = first
  const presenceText = h('span', { class: 'visually-hidden' })
  const presence = h('span', { testid: 'presence' }, presenceText)
  const pos = h('span', { class: 'roster-pos', 'aria-hidden': 'true' })
  const avatar = h('span', { class: 'avatar', style: { backgroundColor: colourFor(first.id).color }, 'aria-hidden': 'true' })
  const nameText = document.createTextNode('')
  const name = h('span', { class: 'roster-name', testid: 'roster-name' }, nameText, first.me ? h('span', { class: 'muted' }, ' (you)') : null)
  const roleBadge = h('span', { testid: 'roster-role' })
  const statusBadge = h('span', { class: 'badge' })
  const actions = opts.act ? rowActions(() => current, order, opts.act) : null
  const el = h('li', { testid: 'roster-item' })
  const update = (r: RosterRow) => {
    current = r
    el.className = `roster-item${r.role ? ` role-${r.role}` : ''}${r.me ? ' me' : ''}${r.skipped ? ' skipped' : ''}`
    Object.assign(el.dataset, { participantId: r.id, role: r.role ?? '', online: String(r.online), skipped: String(r.skipped) })
    const word = r.online ? 'online' : 'offline'
    presence.className = `presence ${word}`
    presence.title = word
    presenceText.textContent = word
    pos.textContent = r.position !== null ? String(r.position) : '–'
    avatar.textContent = initials(r.name)
    nameText.data = r.name
    if (r.role) {
      roleBadge.className = `badge role-badge role-${r.role}`
      roleBadge.textContent = ROSTER_ROLE_LABEL[r.role]
    }
    statusBadge.textContent = r.skipped ? 'sitting out' : 'away'
    actions?.update(r)
    const badges = [r.role ? roleBadge : null, r.skipped || r.away ? statusBadge : null]
    placeChildren(el, [presence, pos, avatar, name, ...badges, actions?.el ?? null].filter((n): n is HTMLElement => n !== null))
  }
  return { el, update }
}

export function createRoster(opts: RosterOptions): { el: HTMLElement; update(room: Room): void } {
  const el = h('ol', { class: 'roster', testid: 'roster', 'aria-label': 'People in the room, in turn order' })
  let model: RosterModel = { rows: [], order: [] }
  const order = () => model.order
  const render = keyedList<RosterRow>(el, (r) => r.id, (r) => rosterRow(r, order, opts), h('li', { class: 'muted' }, 'Nobody has joined yet.'))
  return {
    el,
    update(room: Room) {
      model = rosterModel(room, opts.me)
      render(model.rows)
    },
  }
}
