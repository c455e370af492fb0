// Everything that can change the room page's state. Server events map onto these
// (room/event-handler.ts), and so do the user's clicks and the sockets' status.

import type { Proposal, Room, Rotation, Run, RunKind } from '../../api'
import type { EventsState } from '../../events'
import type { TextName } from '../../texts'
import type { PresenceEntry, SyncState } from './state'

export type RoomAction =
  // The room and its rotation, from the events socket or a facilitator call.
  | { type: 'hello'; room: Room }
  | { type: 'room'; room: Room }
  | { type: 'rotation'; rotation: Rotation }
  | { type: 'warning' }
  // Runs.
  | { type: 'runs-loaded'; runs: readonly Run[] }
  | { type: 'run-queued'; run: Run; queuePosition?: number }
  | { type: 'run-started'; run: Run }
  | { type: 'run-finished'; run: Run }
  | { type: 'run-requested' }
  | { type: 'run-accepted'; runId: string; kind: RunKind; queuePosition: number; atMs: number }
  | { type: 'run-refused' }
  | { type: 'select-run'; runId: string }
  // This browser's view.
  | { type: 'entry'; entry: string | null }
  | { type: 'tab'; tab: TextName }
  | { type: 'follow'; on: boolean }
  /** We scrolled or clicked in the code ourselves: stop following until resumed. */
  | { type: 'follow-pause' }
  | { type: 'follow-resume' }
  | { type: 'zoom'; zoom: number }
  /** A key typed into the read-only editor. */
  | { type: 'key-refused' }
  | { type: 'statement-hidden'; hidden: boolean }
  | { type: 'presence'; presence: readonly PresenceEntry[] }
  | { type: 'facilitator-busy'; busy: boolean }
  // Connections.
  | { type: 'sync'; sync: SyncState }
  | { type: 'events'; events: EventsState }
  | { type: 'online'; online: boolean }
  | { type: 'proposals'; proposals: readonly Proposal[] }
