// The first visit to a room: ask for a name and join, or choose to just watch.

import { api, type Room } from '../api'
import { h, replace } from '../dom'
import { pageHeader } from '../lobby'
import { store, type Identity } from '../storage'
import { watchKey } from './watch'

/** "3 in the room · only the driver types · 5 min turns". */
function roomSummary(room: Room): string {
  const typing = room.settings.mode === 'strict' ? 'only the driver types' : 'everyone types'
  return `${room.participants.length} in the room · ${typing} · ${Math.round(room.settings.turn_seconds / 6) / 10} min turns`
}

function nameInput(): HTMLInputElement {
  return h('input', { id: 'join-name', name: 'name', type: 'text', maxlength: '40', required: true, autocomplete: 'nickname', testid: 'name-input', value: store.name() })
}

/** POST the join, remember the identity; the error text on failure. */
async function join(room: Room, name: string): Promise<Identity> {
  const res = await api.join(room.id, name)
  const ident: Identity = { participant_id: res.participant_id, token: res.token, name }
  store.setName(name)
  store.setIdentity(room.id, ident)
  sessionStorage.removeItem(watchKey(room.id))
  return ident
}

/** Ask for a name and join; resolves null if the user chooses to only watch. */
export function promptJoin(app: HTMLElement, room: Room): Promise<Identity | null> {
  document.title = `Join ${room.kata_title ?? 'room'} · Randori`
  return new Promise((resolve) => {
    const input = nameInput()
    const error = h('p', { class: 'form-error', role: 'alert', testid: 'name-error' })
    const submit = h('button', { type: 'submit', class: 'primary', testid: 'name-submit' }, 'Join')
    const watch = () => {
      sessionStorage.setItem(watchKey(room.id), '1')
      resolve(null)
    }
    const form = h(
      'form',
      { class: 'card join-prompt', testid: 'name-form', 'aria-labelledby': 'join-prompt-title' },
      h('h1', { id: 'join-prompt-title' }, room.kata_title ? `Join the ${room.kata_title} room` : 'Join the room'),
      h('p', { class: 'muted' }, roomSummary(room)),
      h('div', { class: 'field' }, h('label', { for: 'join-name' }, 'Your name'), input),
      error,
      h('div', { class: 'button-row' }, submit, h('button', { type: 'button', class: 'ghost', testid: 'watch-only', onclick: watch }, 'Just watch')),
    )
    form.addEventListener('submit', async (e) => {
      e.preventDefault()
      const name = input.value.trim()
      if (!name) {
        error.textContent = 'Please enter a name.'
        input.focus()
        return
      }
      submit.disabled = true
      error.textContent = ''
      try {
        resolve(await join(room, name))
      } catch (err) {
        error.textContent = `Could not join: ${(err as Error).message}`
        submit.disabled = false
      }
    })
    replace(app, pageHeader(), h('main', { id: 'main', class: 'centered' }, form))
    input.focus()
    input.select()
  })
}
