// The connection indicator's words: the code sync socket and the events socket.

import type { EventsState } from '../../events'
import type { SyncState } from './state'

export interface ConnectionView {
  /** "online" only when both sockets are up; the browser test waits for it. */
  state: 'online' | 'degraded'
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

export function connectionView(sync: SyncState, events: EventsState, nowMs: number): ConnectionView {
  const online = sync.status === 'connected' && events.kind === 'open'
  const code = sync.status === 'connected' ? (sync.synced ? 'synced' : 'syncing…') : sync.status
  return {
    state: online ? 'online' : 'degraded',
    syncText: `Code: ${code}${sync.detail ? ` (${sync.detail})` : ''}`,
    eventsText: `Events: ${eventsText(events, nowMs)}`,
    canRetry: events.kind === 'waiting',
  }
}
