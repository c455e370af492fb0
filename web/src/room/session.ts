// The live room: one store, the views rendering every state it produces, and the two
// sockets (code sync, events) feeding it.

import type { Room } from '../api'
import { ApiError, api } from '../api'
import { unlockAudioOnGesture } from '../alerts'
import { replace, toast } from '../dom'
import { colourFor } from '../format'
import { EventsSocket } from '../events'
import { entryPointName } from '../kata-entry'
import { roomLanguage } from '../languages'
import { loadStatement } from '../statement'
import { store as storage, type Identity } from '../storage'
import { SyncManager } from '../sync'
import { listenZoomKeys } from '../zoom-control'
import { watchPresence } from './awareness'
import { createRoomContext, type RoomContext } from './context'
import { handleEvent } from './event-handler'
import { facilitatorAct } from './facilitator-actions'
import { roleToast } from './model/announcements'
import { renderUnknownRoom } from './notices'
import { decideProposal, loadProposals, loadRuns, requestRun } from './run-request'
import { buildRoomViews, type RoomViews } from './views'

/** The code sync session: editors bound to each new document, presence into the store. */
function startSync(ctx: RoomContext, views: RoomViews): SyncManager {
  const me = ctx.me
  let unwatch: (() => void) | null = null
  return new SyncManager({
    roomId: ctx.roomId,
    token: me?.token ?? null,
    user: me ? { id: me.participant_id, name: me.name, ...colourFor(me.participant_id) } : null,
    onSession: (s) => {
      views.editors.bind(s)
      unwatch?.()
      unwatch = watchPresence(s, (presence) => ctx.store.dispatch({ type: 'presence', presence }))
    },
    onStatus: (status, synced, detail) => ctx.store.dispatch({ type: 'sync', sync: { status, synced, detail } }),
  })
}

/** After repeated failures: a room that is gone gets the "not found" page. */
async function checkRoomStillExists(app: HTMLElement, ctx: RoomContext, stop: () => void): Promise<void> {
  try {
    await api.room(ctx.roomId)
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) {
      stop()
      renderUnknownRoom(app, ctx.roomId)
    }
  }
}

/** The browser's online state into the store, so the indicator never says "synced" offline. */
function watchOnline(ctx: RoomContext, sync: SyncManager, events: EventsSocket): void {
  window.addEventListener('offline', () => ctx.store.dispatch({ type: 'online', online: false }))
  window.addEventListener('online', () => {
    ctx.store.dispatch({ type: 'online', online: true })
    sync.reconnect()
    events.retryNow()
  })
}

/** Ctrl/Cmd+Enter anywhere runs the tests; the editors handle it themselves. */
function runOnCtrlEnter(ctx: RoomContext): void {
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.defaultPrevented) return
    if ((e.target as HTMLElement | null)?.closest?.('.cm-editor')) return
    e.preventDefault()
    void requestRun(ctx, 'test')
  })
}

export function startRoom(app: HTMLElement, room: Room, me: Identity | null): void {
  const ctx = createRoomContext(room, me)
  const { store } = ctx
  unlockAudioOnGesture()
  const sockets: { events?: EventsSocket } = {}
  const facToken = ctx.facToken
  const views = buildRoomViews(ctx, {
    run: (kind) => void requestRun(ctx, kind),
    decideProposal: (id, decision) => void decideProposal(ctx, id, decision),
    retryEvents: () => sockets.events?.retryNow(),
    act: facToken ? (a) => facilitatorAct(ctx, facToken, a) : undefined,
  })
  replace(app, ...views.elements)
  document.title = `${room.kata_title ?? 'Free practice'} · Randori`
  // The one render path: every state change repaints through the views, then the
  // role-change toast (it compares the announced role before and after).
  store.subscribe((state, previous) => {
    views.render(state)
    const t = roleToast(previous.lastRole, state.lastRole)
    if (t) toast(t.message, t.kind)
  })
  views.render(store.getState())
  const language = roomLanguage(room.language)
  void loadStatement(views.statement, room.kata, room.kata_title, language).then((kata) =>
    store.dispatch({ type: 'entry', entry: entryPointName(kata?.entry, language) }),
  )

  const sync = startSync(ctx, views)
  const stop = () => {
    events.close()
    sync.destroy()
  }
  const events = new EventsSocket({
    roomId: ctx.roomId,
    token: me?.token ?? null,
    onEvent: (ev) => handleEvent(ctx, { resetSync: () => sync.reset() }, ev),
    onState: (s) => {
      store.dispatch({ type: 'events', events: s })
      if (s.kind === 'waiting' && s.attempt === 3) void checkRoomStillExists(app, ctx, stop)
    },
    onReconnect: () => {
      void loadRuns(ctx)
      void loadProposals(ctx)
    },
    onDeadLink: () => sync.dropDeadLink(),
  })
  sockets.events = events
  runOnCtrlEnter(ctx)
  watchOnline(ctx, sync, events)
  listenZoomKeys(
    () => store.getState().zoom,
    (zoom) => {
      storage.setZoom('room', zoom)
      store.dispatch({ type: 'zoom', zoom })
    },
  )
  window.addEventListener('pagehide', (e) => {
    if (!e.persisted) stop()
  })
  void loadRuns(ctx)
  void loadProposals(ctx)
  // For debugging and browser tests: the same shape as before the store (runs a Map).
  const debug = {
    room: () => store.getState().room,
    get runs() {
      return store.getState().runs
    },
    state: store.getState,
    sync,
    events,
  }
  ;(window as unknown as Record<string, unknown>).randori = debug
}
