// Server events → state changes (through the store) and the toasts and alerts that go
// with them. Rendering is not done here: the store's subscribers do it.

import type { Rotation, Room } from '../api'
import { alertTimeUp } from '../alerts'
import { toast } from '../dom'
import type { ServerEvent } from '../events'
import { store as storage } from '../storage'
import { applyRoom, applyRotation, type RoomContext } from './context'
import { countdownView } from '../countdown-view'
import { refusalIsOurs, timeUpMessage, warningMessage } from './model/announcements'
import { namesOf } from './model/names'

export interface EventEffects {
  /** Throw the local document away and sync a fresh one. */
  resetSync(): void
}

function onHello(ctx: RoomContext, you: unknown, room: Room): void {
  if (ctx.me && !you) {
    // Our stored token is not known to the server (e.g. the server was reset).
    storage.setIdentity(ctx.roomId, null)
    toast('Your place in this room was lost; please join again.', 'error')
    setTimeout(() => location.reload(), 1500)
    return
  }
  applyRoom(ctx, room, true)
}

function onTimeUp(ctx: RoomContext, rotation: Rotation): void {
  applyRotation(ctx, rotation)
  const { room } = ctx.store.getState()
  const body = timeUpMessage(rotation, room.settings, namesOf(room.participants))
  alertTimeUp("Time's up!", body)
  toast(`Time's up! ${body}`, 'info')
}

function onEditRefused(ctx: RoomContext, fx: EventEffects, reason: string, participant: string | null | undefined, kept: boolean): void {
  if (!refusalIsOurs(ctx.store.getState(), participant)) return
  if (kept) toast('Your edit was made while someone else was driving: it is kept for the driver to apply.', 'info')
  else toast(`Edit refused: ${reason}. Reloading the code from the server.`, 'error')
  fx.resetSync()
}

export function handleEvent(ctx: RoomContext, fx: EventEffects, ev: ServerEvent): void {
  const dispatch = ctx.store.dispatch
  switch (ev.type) {
    case 'hello':
      return onHello(ctx, ev.you, ev.room)
    case 'room':
      return applyRoom(ctx, ev.room)
    case 'rotation':
      applyRotation(ctx, ev.rotation)
      if (ev.reason === 'green') toast('Green! Rotating.', 'success')
      if (ev.reason === 'driver_away') toast('The driver was away: the keyboard moved on.', 'info')
      return
    case 'warning': {
      // The warning carries the rotation: the countdown reads its deadline, and so does the text.
      applyRotation(ctx, ev.rotation)
      dispatch({ type: 'warning' })
      const left = countdownView(ev.rotation, ctx.store.getState().room.settings, ctx.clock).remainingMs
      toast(warningMessage(left ?? ev.remaining_ms))
      return
    }
    case 'time_up':
      return onTimeUp(ctx, ev.rotation)
    case 'run_queued':
      return dispatch({ type: 'run-queued', run: ev.run, queuePosition: ev.queue_position })
    case 'run_started':
      return dispatch({ type: 'run-started', run: ev.run })
    case 'run_finished':
      dispatch({ type: 'run-finished', run: ev.run })
      if (ev.run.kind === 'submit' && ev.run.verdict === 'passed') toast('Submission passed! Kata solved.', 'success')
      return
    case 'edit_refused':
      return onEditRefused(ctx, fx, ev.reason, ev.participant, ev.kept)
    case 'proposals':
      return dispatch({ type: 'proposals', proposals: ev.proposals })
    case 'pong':
      return ctx.clock.observe(ev.server_time_ms)
    case 'error':
      return toast(ev.message, 'error')
  }
}
