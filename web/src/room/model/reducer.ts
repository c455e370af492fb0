// The room page's reducer: (state, action) → state, pure. Unchanged parts keep their
// identity (and an action that changes nothing returns `s` itself) so views can skip.

import type { Room } from '../../api'
import { roleOf, rolesOf } from '../../roles'
import type { RoomAction } from './actions'
import { nextLastRole } from './announcements'
import { followDriver, pauseFollow, samePresence } from './follow'
import { placeholderRun, selectRun, upsertRun } from './runs'
import type { RoomState } from './state'

/**
 * A new room (or rotation): roles may have moved, so the announced role and the followed
 * tab too. A new driver ends a pause: it was about where the last one was.
 */
function withRoom(s: RoomState, room: Room): RoomState {
  const lastRole = nextLastRole(s.lastRole, s.helloSeen, roleOf(room.rotation, s.meId))
  const newDriver = rolesOf(room.rotation).driver !== rolesOf(s.room.rotation).driver
  return followDriver({ ...s, room, lastRole, followPaused: newDriver ? false : s.followPaused })
}

function set<K extends keyof RoomState>(s: RoomState, key: K, value: RoomState[K]): RoomState {
  return Object.is(s[key], value) ? s : { ...s, [key]: value }
}

function reduceRuns(s: RoomState, a: RoomAction): RoomState {
  switch (a.type) {
    case 'runs-loaded':
      return set(s, 'runs', a.runs.reduce(upsertRun, s.runs))
    case 'run-queued': {
      const queuePositions = typeof a.queuePosition === 'number' ? new Map(s.queuePositions).set(a.run.id, a.queuePosition) : s.queuePositions
      // Our own run may be announced before the POST that asked for it returns.
      const mine = s.meId !== null && a.run.requested_by === s.meId && !s.myRunId
      return { ...s, runs: upsertRun(s.runs, a.run), queuePositions, myRunId: mine ? a.run.id : s.myRunId }
    }
    case 'run-started':
      return set(s, 'runs', upsertRun(s.runs, a.run))
    case 'run-finished':
      return { ...s, runs: upsertRun(s.runs, a.run), selectedRunId: s.selectedRunId === a.run.id ? null : s.selectedRunId }
    case 'run-requested':
      return set(s, 'myRunRequested', true)
    case 'run-accepted': {
      const runs = s.runs.has(a.runId) ? s.runs : new Map(s.runs).set(a.runId, placeholderRun(s, a.runId, a.kind, a.atMs))
      const queuePositions = new Map(s.queuePositions).set(a.runId, a.queuePosition)
      return { ...s, runs, queuePositions, myRunId: a.runId, myRunRequested: false }
    }
    case 'run-refused':
      return set(s, 'myRunRequested', false)
    case 'select-run':
      return set(s, 'selectedRunId', selectRun(s, a.runId))
    default:
      return s
  }
}

export function roomReducer(s: RoomState, a: RoomAction): RoomState {
  switch (a.type) {
    case 'hello':
      return withRoom({ ...s, helloSeen: true }, a.room)
    case 'room':
      return withRoom(s, a.room)
    case 'rotation':
      return withRoom(s, { ...s.room, rotation: a.rotation })
    case 'warning':
      return { ...s, warnings: s.warnings + 1 }
    case 'presence':
      return samePresence(s.presence, a.presence) ? s : followDriver({ ...s, presence: a.presence })
    case 'entry':
      return set(s, 'entry', a.entry)
    case 'tab':
      return set(s, 'activeTab', a.tab)
    case 'follow':
      return s.followDriver === a.on && !s.followPaused ? s : followDriver({ ...s, followDriver: a.on, followPaused: false })
    case 'follow-pause':
      return pauseFollow(s)
    case 'follow-resume':
      return s.followPaused ? followDriver({ ...s, followPaused: false }) : s
    case 'zoom':
      return set(s, 'zoom', a.zoom)
    case 'key-refused':
      return { ...s, refusedKeys: s.refusedKeys + 1 }
    case 'online':
      return set(s, 'online', a.online)
    case 'statement-hidden':
      return set(s, 'statementHidden', a.hidden)
    case 'facilitator-busy':
      return set(s, 'facilitatorBusy', a.busy)
    case 'sync':
      return { ...s, sync: a.sync }
    case 'events':
      return { ...s, events: a.events }
    case 'proposals':
      return set(s, 'proposals', a.proposals)
    default:
      return reduceRuns(s, a)
  }
}
