// The room page's one state object. Everything the page shows is a function of it;
// it only changes through roomReducer (reducer.ts).

import type { Proposal, Room, Run } from '../../api'
import type { EventsState } from '../../events'
import type { Role } from '../../roles'
import type { SyncStatus } from '../../sync'
import type { TextName } from '../../texts'

/** A remote cursor: who it is, which file it is in and where (indexes in that file). */
export interface PresenceEntry {
  id: string | null
  name: string
  /** Checked #rrggbb (awareness-user.ts). */
  color: string
  tab: TextName
  head: number
  anchor: number
}

export interface SyncState {
  status: SyncStatus
  synced: boolean
  /** Why the last connection closed, when it was not a clean close. */
  detail: string
}

export interface RoomState {
  room: Room
  /** This browser's participant id; null when only watching. Fixed for the page's life. */
  meId: string | null
  runs: ReadonlyMap<string, Run>
  /** Queue places the server reported, by run id. */
  queuePositions: ReadonlyMap<string, number>
  /** An earlier run picked on the light strip; null shows the latest. */
  selectedRunId: string | null
  /** The last run this browser asked for, to show its progress and refuse a second. */
  myRunId: string | null
  /** A run request is on its way to the server. */
  myRunRequested: boolean
  /** The kata's function or class name, once the statement has loaded. */
  entry: string | null
  activeTab: TextName
  /** Follow the driver (their file, and their cursor scrolled into view): the preference. */
  followDriver: boolean
  /** Following is on but paused by our own scrolling or clicking, until "Resume following". */
  followPaused: boolean
  presence: readonly PresenceEntry[]
  sync: SyncState
  events: EventsState
  helloSeen: boolean
  /**
   * The role last announced; null until the first hello (the room fetched before
   * joining may not list us yet), so joining does not toast "you are driving now".
   */
  lastRole: Role | null
  facilitatorBusy: boolean
  statementHidden: boolean
  /** How many "time almost up" warnings arrived: the countdown flashes on each. */
  warnings: number
  /** The code's zoom (zoom.ts), remembered in this browser. */
  zoom: number
  /** Keys typed into the read-only editor so far: the "X has the keyboard" notice shows on each. */
  refusedKeys: number
  /** The browser's own idea (navigator.onLine and its online/offline events). */
  online: boolean
  /** Kept offline edits waiting for the driver (only known with a token). */
  proposals: readonly Proposal[]
}

export function initialRoomState(room: Room, meId: string | null, followDriver: boolean, zoom = 1, online = true): RoomState {
  return {
    room,
    meId,
    runs: new Map(),
    queuePositions: new Map(),
    selectedRunId: null,
    myRunId: null,
    myRunRequested: false,
    entry: null,
    activeTab: 'solution',
    followDriver,
    followPaused: false,
    presence: [],
    sync: { status: 'connecting', synced: false, detail: '' },
    events: { kind: 'connecting', attempt: 0 },
    helloSeen: false,
    lastRole: null,
    facilitatorBusy: false,
    statementHidden: false,
    warnings: 0,
    zoom,
    refusedKeys: 0,
    online,
    proposals: [],
  }
}
