// What the live room's parts share: who we are, the store, the server clock.

import type { Room, Rotation } from '../api'
import { ServerClock } from '../clock'
import { createStore, type Store } from '../store'
import { store as storage, type Identity } from '../storage'
import type { RoomAction } from './model/actions'
import { roomReducer } from './model/reducer'
import { initialRoomState, type RoomState } from './model/state'

export interface RoomContext {
  roomId: string
  me: Identity | null
  /** Present when this browser holds the room's facilitator token. */
  facToken: string | null
  store: Store<RoomState, RoomAction>
  clock: ServerClock
}

export function createRoomContext(room: Room, me: Identity | null): RoomContext {
  const clock = new ServerClock()
  clock.observe(room.server_time_ms)
  const online = typeof navigator === 'undefined' || navigator.onLine !== false
  const state = initialRoomState(room, me?.participant_id ?? null, storage.prefs().followDriver, storage.zoom('room'), online)
  return { roomId: room.id, me, facToken: storage.facilitatorToken(room.id), store: createStore(state, roomReducer), clock }
}

/** Every rotation carries the server's time: keep the clock in step, then apply it. */
export function applyRotation(ctx: RoomContext, rotation: Rotation): void {
  ctx.clock.observe(rotation.server_time_ms)
  ctx.store.dispatch({ type: 'rotation', rotation })
}

export function applyRoom(ctx: RoomContext, room: Room, hello = false): void {
  ctx.clock.observe(room.server_time_ms ?? room.rotation?.server_time_ms)
  ctx.store.dispatch({ type: hello ? 'hello' : 'room', room })
}
