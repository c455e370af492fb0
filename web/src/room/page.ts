// The room page /r/{id}: fetch the room, ask for a name on the first visit, then start
// the live room (session.ts). Unknown rooms and errors get notices (notices.ts).

import { api, ApiError, type Room } from '../api'
import { h, replace } from '../dom'
import { pageHeader } from '../lobby'
import { captureFacilitatorHash, store } from '../storage'
import { promptJoin } from './join-prompt'
import { renderRoomError, renderUnknownRoom } from './notices'
import { startRoom } from './session'
import { watchKey } from './watch'

export async function renderRoom(app: HTMLElement, roomId: string): Promise<void> {
  captureFacilitatorHash(roomId)
  replace(app, pageHeader(), h('main', { id: 'main', class: 'centered' }, h('p', { class: 'muted', testid: 'loading' }, 'Opening the room…')))
  let room: Room
  try {
    room = await api.room(roomId)
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) renderUnknownRoom(app, roomId)
    else renderRoomError(app, err as Error, () => void renderRoom(app, roomId))
    return
  }
  store.addRecent({ id: room.id, kata: room.kata, kata_title: room.kata_title, language: room.language })
  let me = store.identity(roomId)
  if (!me && sessionStorage.getItem(watchKey(roomId)) !== '1') me = await promptJoin(app, room)
  startRoom(app, room, me)
}
