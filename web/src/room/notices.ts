// Full-page notices instead of a room: it does not exist, or it could not be opened.

import { h, replace } from '../dom'
import { pageHeader } from '../lobby'

function notice(app: HTMLElement, testid: string, ...body: (HTMLElement | null)[]): void {
  replace(app, pageHeader(), h('main', { id: 'main', class: 'centered' }, h('section', { class: 'card notice', testid, role: 'alert' }, ...body)))
}

/** GET /api/rooms/{id} said 404 (or the room vanished while open): shared with the projector. */
export function renderUnknownRoom(app: HTMLElement, roomId: string): void {
  document.title = 'Room not found · Randori'
  notice(
    app,
    'unknown-room',
    h('h1', null, 'Room not found'),
    h('p', null, 'There is no room ', h('code', null, roomId), ' on this server. It may have been mistyped, or the server was reset.'),
    h('p', null, h('a', { href: '/', class: 'button primary', testid: 'back-to-lobby' }, 'Go to the lobby'), ' to create a room or join another one.'),
  )
}

/** Anything but a 404: say what went wrong and offer to try again. */
export function renderRoomError(app: HTMLElement, err: Error, retry: () => void): void {
  notice(
    app,
    'room-error',
    h('h1', null, 'Cannot open the room'),
    h('p', null, err.message),
    h('button', { type: 'button', class: 'primary', onclick: retry }, 'Try again'),
  )
}
