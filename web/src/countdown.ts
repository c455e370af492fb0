// The turn countdown: deadline_ms on the server's clock, shown on ours.

import type { Rotation, Settings } from './api'
import { formatClock } from './dom'

/** Offset between the server's wall clock and ours, from server_time_ms at receipt. */
export class ServerClock {
  offsetMs = 0
  private samples = 0

  observe(serverTimeMs: number | null | undefined): void {
    if (typeof serverTimeMs !== 'number' || !Number.isFinite(serverTimeMs)) return
    const sample = serverTimeMs - Date.now()
    // The first sample is taken as is; later ones are smoothed a little so a slow
    // message does not make the countdown jump.
    this.offsetMs = this.samples === 0 ? sample : Math.round(this.offsetMs * 0.5 + sample * 0.5)
    this.samples++
  }

  now(): number {
    return Date.now() + this.offsetMs
  }
}

export type CountdownState = 'idle' | 'running' | 'warning' | 'paused' | 'break' | 'waiting' | 'ended'

export interface CountdownView {
  state: CountdownState
  /** Milliseconds left, or null when no clock runs. */
  remainingMs: number | null
  text: string
  caption: string
}

export function countdownView(rot: Rotation | null, settings: Settings | null, clock: ServerClock): CountdownView {
  if (!rot) return { state: 'idle', remainingMs: null, text: '–:––', caption: 'connecting…' }
  const turnMs = (settings?.turn_seconds ?? 300) * 1000
  // As the server does: the warning lead stays strictly below the turn length.
  const warnMs = Math.min(settings?.warning_seconds ?? 60, Math.max(0, (settings?.turn_seconds ?? 300) - 1)) * 1000
  const left = () =>
    rot.deadline_ms != null ? Math.max(0, rot.deadline_ms - clock.now()) : Math.max(0, rot.remaining_ms ?? 0)
  switch (rot.status) {
    case 'idle':
      return { state: 'idle', remainingMs: null, text: formatClock(turnMs), caption: 'not started' }
    case 'running': {
      const ms = left()
      return {
        state: ms <= warnMs ? 'warning' : 'running',
        remainingMs: ms,
        text: formatClock(ms),
        caption: `turn ${rot.turn}`,
      }
    }
    case 'paused': {
      const ms = Math.max(0, rot.remaining_ms ?? 0)
      return { state: 'paused', remainingMs: ms, text: formatClock(ms), caption: 'paused' }
    }
    case 'break': {
      const ms = left()
      return { state: 'break', remainingMs: ms, text: formatClock(ms), caption: 'break' }
    }
    case 'waiting': {
      const why =
        settings?.time_up === 'on_green'
          ? "time's up: rotating at the next green run"
          : settings?.time_up === 'facilitator'
            ? "time's up: waiting for the facilitator"
            : "time's up"
      return { state: 'waiting', remainingMs: 0, text: '0:00', caption: why }
    }
    case 'ended':
      return { state: 'ended', remainingMs: null, text: '–:––', caption: 'session ended' }
    default:
      return { state: 'idle', remainingMs: null, text: '–:––', caption: String(rot.status) }
  }
}

/** Renders a live countdown into an element; call set() whenever the rotation changes. */
export class Countdown {
  private rot: Rotation | null = null
  private settings: Settings | null = null
  private timer: ReturnType<typeof setInterval>
  private readonly timeEl: HTMLElement
  private readonly captionEl: HTMLElement
  private lastText = ''

  constructor(
    private readonly el: HTMLElement,
    private readonly clock: ServerClock,
  ) {
    el.classList.add('countdown')
    el.setAttribute('role', 'timer')
    el.setAttribute('aria-live', 'off')
    el.setAttribute('aria-atomic', 'true')
    this.timeEl = document.createElement('span')
    this.timeEl.className = 'countdown-time'
    this.timeEl.dataset.testid = 'countdown-time'
    this.captionEl = document.createElement('span')
    this.captionEl.className = 'countdown-caption'
    this.captionEl.dataset.testid = 'countdown-caption'
    el.replaceChildren(this.timeEl, this.captionEl)
    this.timer = setInterval(() => this.render(), 250)
    this.render()
  }

  set(rot: Rotation | null, settings: Settings | null): void {
    this.rot = rot
    this.settings = settings
    this.render()
  }

  render(): void {
    const v = countdownView(this.rot, this.settings, this.clock)
    this.el.dataset.state = v.state
    this.el.dataset.remainingMs = v.remainingMs == null ? '' : String(v.remainingMs)
    if (v.text !== this.lastText) {
      this.timeEl.textContent = v.text
      this.lastText = v.text
    }
    if (this.captionEl.textContent !== v.caption) this.captionEl.textContent = v.caption
    this.el.setAttribute('aria-label', `${v.text} ${v.caption}`)
  }

  destroy(): void {
    clearInterval(this.timer)
  }
}
