// The JSON events socket /rooms/{id}/events, reconnecting with exponential backoff.
// A heartbeat (ping, the server answers pong) catches a link that died without a close
// (Wi-Fi gone, a laptop lid): within a few seconds the socket reconnects and the page
// says "connecting…" instead of "live".

import type { ClientCommand, RoomEvent } from './generated/protocol'
import { wsUrl } from './links'

/** What the server sends (generated from the Rust `RoomEvent`). */
export type ServerEvent = RoomEvent
/** What the client sends (generated from the Rust `ClientCommand`). */
export type ClientEvent = ClientCommand

export type EventsState =
  | { kind: 'connecting'; attempt: number }
  | { kind: 'open' }
  | { kind: 'waiting'; attempt: number; retryAt: number }
  | { kind: 'closed' }

export interface EventsOptions {
  roomId: string
  token: string | null
  onEvent: (ev: ServerEvent) => void
  onState?: (s: EventsState) => void
  /** Called after a reconnect (not the first connect), e.g. to refetch runs. */
  onReconnect?: () => void
  /** The heartbeat went unanswered: the link is dead though the socket looked open. */
  onDeadLink?: () => void
}

const BASE_DELAY_MS = 500
const MAX_DELAY_MS = 15_000
/** A ping this often while open; the check runs every second. */
const PING_EVERY_MS = 2_000
const TICK_MS = 1_000
/** No message at all this long after a ping: the link is dead. */
const ANSWER_WITHIN_MS = 4_000

export class EventsSocket {
  private ws: WebSocket | null = null
  private attempt = 0
  private everOpened = false
  private stopped = false
  private retryTimer: ReturnType<typeof setTimeout> | null = null
  private pingTimer: ReturnType<typeof setInterval> | null = null
  private lastMessageAt = 0
  private pingSentAt = 0
  state: EventsState = { kind: 'connecting', attempt: 0 }

  constructor(private readonly opts: EventsOptions) {
    this.connect()
    window.addEventListener('online', this.onOnline)
  }

  get url(): string {
    const q = this.opts.token ? `?token=${encodeURIComponent(this.opts.token)}` : ''
    return wsUrl(`/rooms/${encodeURIComponent(this.opts.roomId)}/events${q}`)
  }

  get open(): boolean {
    return this.ws !== null && this.ws.readyState === WebSocket.OPEN
  }

  /** Send a client event; false when the socket is not open. */
  send(ev: ClientEvent): boolean {
    if (!this.open) return false
    this.ws!.send(JSON.stringify(ev))
    return true
  }

  /** Reconnect now (e.g. a "retry now" button). */
  retryNow(): void {
    if (this.stopped || this.open) return
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = null
    if (!this.ws) this.connect()
  }

  close(): void {
    this.stopped = true
    window.removeEventListener('online', this.onOnline)
    if (this.retryTimer) clearTimeout(this.retryTimer)
    if (this.pingTimer) clearInterval(this.pingTimer)
    const ws = this.ws
    this.ws = null
    if (ws) {
      ws.onclose = null
      ws.close(1000, 'leaving')
    }
    this.setState({ kind: 'closed' })
  }

  private onOnline = () => this.retryNow()

  private setState(s: EventsState) {
    this.state = s
    this.opts.onState?.(s)
  }

  private connect() {
    if (this.stopped) return
    this.setState({ kind: 'connecting', attempt: this.attempt })
    let ws: WebSocket
    try {
      ws = new WebSocket(this.url)
    } catch {
      this.scheduleRetry()
      return
    }
    this.ws = ws
    ws.onopen = () => {
      if (this.ws !== ws) return
      const reconnect = this.everOpened
      this.everOpened = true
      this.attempt = 0
      this.lastMessageAt = Date.now()
      this.pingSentAt = 0
      this.setState({ kind: 'open' })
      if (this.pingTimer) clearInterval(this.pingTimer)
      this.pingTimer = setInterval(() => this.keepAlive(), TICK_MS)
      if (reconnect) this.opts.onReconnect?.()
    }
    ws.onmessage = (msg) => {
      if (this.ws !== ws) return
      this.lastMessageAt = Date.now()
      if (typeof msg.data !== 'string') return
      let ev: ServerEvent
      try {
        ev = JSON.parse(msg.data) as ServerEvent
      } catch {
        console.warn('events: not JSON', msg.data)
        return
      }
      if (!ev || typeof ev !== 'object' || typeof ev.type !== 'string') return
      try {
        this.opts.onEvent(ev)
      } catch (e) {
        console.error('events: handler failed for', ev.type, e)
      }
    }
    ws.onerror = () => {
      // onclose follows and schedules the retry.
    }
    ws.onclose = () => {
      if (this.ws !== ws) return
      this.ws = null
      if (this.pingTimer) clearInterval(this.pingTimer)
      this.pingTimer = null
      this.scheduleRetry()
    }
  }

  /**
   * Only an unanswered ping counts as silence, never time alone: a background tab's
   * timers may run once a minute, and the pong to the last ping has long arrived.
   */
  private keepAlive() {
    if (!this.open) return
    const now = Date.now()
    const awaiting = this.pingSentAt > 0 && this.lastMessageAt < this.pingSentAt
    if (awaiting) {
      if (now - this.pingSentAt > ANSWER_WITHIN_MS) this.dropDeadLink()
      return
    }
    if (now - this.pingSentAt >= PING_EVERY_MS && this.send({ type: 'ping' })) this.pingSentAt = now
  }

  private dropDeadLink() {
    const ws = this.ws!
    this.ws = null
    ws.onclose = null
    ws.close()
    if (this.pingTimer) clearInterval(this.pingTimer)
    this.pingTimer = null
    this.opts.onDeadLink?.()
    // At once (attempt 0 → half a second): a dead link is usually back soon, or offline.
    this.scheduleRetry()
  }

  private scheduleRetry() {
    if (this.stopped) return
    this.attempt++
    const exp = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (this.attempt - 1))
    const delay = Math.round(exp * (0.75 + Math.random() * 0.5))
    const retryAt = Date.now() + delay
    this.setState({ kind: 'waiting', attempt: this.attempt, retryAt })
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      this.connect()
    }, delay)
  }
}
