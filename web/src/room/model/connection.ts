// The connection indicator's words: the code sync socket and the events socket, and
// the browser's own online state. It must not say "synced" while nothing can arrive:
// offline comes from the browser at once; a dead link that still looks open is caught
// by the events socket's heartbeat (events.ts), which then reconnects ("connecting…").

import type { EventsState } from '../../events'
import type { SyncState } from './state'

export interface ConnectionView {
  /** "online" only when both sockets are up; the browser test waits for it. */
  state: 'online' | 'degraded' | 'offline'
  syncText: string
  eventsText: string
  /** The events socket is waiting to retry: offer "Retry now". */
  canRetry: boolean
}

function eventsText(events: EventsState, nowMs: number): string {
  switch (events.kind) {
    case 'open':
      return 'live'
    case 'waiting':
      return `retry in ${Math.max(0, Math.ceil((events.retryAt - nowMs) / 1000))}s (attempt ${events.attempt})`
    case 'connecting':
      return 'connecting…'
    default:
      return 'closed'
  }
}

function syncText(sync: SyncState, events: EventsState): string {
  if (sync.status !== 'connected') return sync.status === 'connecting' ? 'connecting…' : sync.status
  // Both sockets go to one server: when its heartbeat went unanswered (the events
  // socket is reconnecting) the code socket cannot be trusted to be live either.
  if (events.kind === 'connecting' || events.kind === 'waiting') return 'connecting…'
  return sync.synced ? 'synced' : 'syncing…'
}

/** `online`: the browser's navigator.onLine; false overrides whatever the sockets say. */
export function connectionView(sync: SyncState, events: EventsState, nowMs: number, online = true): ConnectionView {
  if (!online) {
    return { state: 'offline', syncText: 'Code: offline (your edits wait here)', eventsText: 'Events: offline', canRetry: false }
  }
  const live = sync.status === 'connected' && events.kind === 'open'
  return {
    state: live ? 'online' : 'degraded',
    syncText: `Code: ${syncText(sync, events)}${sync.detail ? ` (${sync.detail})` : ''}`,
    eventsText: `Events: ${eventsText(events, nowMs)}`,
    canRetry: events.kind === 'waiting',
  }
}
