// What the turn countdown shows for a rotation at a moment: pure, so it is tested
// without timers; countdown.ts puts it on the page four times a second.

import type { Rotation, Settings } from './api'
import type { Clock } from './clock'
import { formatClock } from './format'

export type CountdownState = 'idle' | 'running' | 'warning' | 'paused' | 'break' | 'waiting' | 'ended'

export interface CountdownView {
  state: CountdownState
  /** Milliseconds left, or null when no clock runs. */
  remainingMs: number | null
  text: string
  caption: string
}

const NO_CLOCK = '–:––'

/** Time left on a running clock: the deadline when the server sent one, else remaining_ms. */
function leftOn(rot: Rotation, clock: Clock): number {
  return rot.deadline_ms != null ? Math.max(0, rot.deadline_ms - clock.now()) : Math.max(0, rot.remaining_ms ?? 0)
}

function waitingCaption(settings: Settings | null): string {
  if (settings?.time_up === 'on_green') return "time's up: rotating at the next green run"
  if (settings?.time_up === 'facilitator') return "time's up: waiting for the facilitator"
  return "time's up"
}

export function countdownView(rot: Rotation | null, settings: Settings | null, clock: Clock): CountdownView {
  if (!rot) return { state: 'idle', remainingMs: null, text: NO_CLOCK, caption: 'connecting…' }
  const turnSeconds = settings?.turn_seconds ?? 300
  // As the server does: the warning lead is at most a quarter of the turn.
  const warnMs = Math.min((settings?.warning_seconds ?? 60) * 1000, (turnSeconds * 1000) / 4)
  switch (rot.status) {
    case 'idle':
      return { state: 'idle', remainingMs: null, text: formatClock(turnSeconds * 1000), caption: 'not started' }
    case 'running': {
      const ms = leftOn(rot, clock)
      return { state: ms <= warnMs ? 'warning' : 'running', remainingMs: ms, text: formatClock(ms), caption: `turn ${rot.turn}` }
    }
    case 'paused': {
      const ms = Math.max(0, rot.remaining_ms ?? 0)
      return { state: 'paused', remainingMs: ms, text: formatClock(ms), caption: 'paused' }
    }
    case 'break': {
      const ms = leftOn(rot, clock)
      return { state: 'break', remainingMs: ms, text: formatClock(ms), caption: 'break' }
    }
    case 'waiting':
      return { state: 'waiting', remainingMs: 0, text: '0:00', caption: waitingCaption(settings) }
    case 'ended':
      return { state: 'ended', remainingMs: null, text: NO_CLOCK, caption: 'session ended' }
    default:
      return { state: 'idle', remainingMs: null, text: NO_CLOCK, caption: String(rot.status) }
  }
}
