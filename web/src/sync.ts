// Y.Doc + WebsocketProvider lifecycle for /rooms/{id}/sync.
//
// The document holds two Y.Text: "solution" and "tests". When the server refuses our
// edits (strict mode, we are not driving) our local document has diverged, so the whole
// session is thrown away and a fresh one syncs from the server.

import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { wsUrl } from './links'
import type { TextName } from './texts'

export interface SyncUser {
  id: string
  name: string
  color: string
  colorLight: string
}

export type SyncStatus = 'connecting' | 'connected' | 'disconnected'

export class SyncSession {
  readonly doc: Y.Doc
  readonly provider: WebsocketProvider
  readonly texts: Record<TextName, Y.Text>

  constructor(roomId: string, token: string | null, user: SyncUser | null) {
    this.doc = new Y.Doc()
    this.texts = { solution: this.doc.getText('solution'), tests: this.doc.getText('tests') }
    const serverUrl = wsUrl(`/rooms/${encodeURIComponent(roomId)}`)
    const params: Record<string, string> = token ? { token } : {}
    // The provider connects to serverUrl + '/' + roomname + '?' + params: /rooms/{id}/sync?token=…
    this.provider = new WebsocketProvider(serverUrl, 'sync', this.doc, {
      params,
      disableBc: true,
      connect: false,
      maxBackoffTime: 5000,
    })
    if (user) {
      this.provider.awareness.setLocalStateField('user', user)
    } else {
      // Watchers do not show up as a cursor.
      this.provider.awareness.setLocalState(null)
    }
    this.provider.connect()
  }

  get awareness() {
    return this.provider.awareness
  }

  destroy(): void {
    try {
      this.provider.awareness.setLocalState(null)
    } catch {
      /* already gone */
    }
    this.provider.destroy()
    this.provider.awareness.destroy()
    this.doc.destroy()
  }
}

export interface SyncManagerOptions {
  roomId: string
  token: string | null
  user: SyncUser | null
  /** A (new) session is ready: bind editors to it. */
  onSession: (s: SyncSession) => void
  onStatus?: (status: SyncStatus, synced: boolean, detail: string) => void
}

/** Owns the current SyncSession and replaces it on reset(). */
export class SyncManager {
  session: SyncSession
  status: SyncStatus = 'connecting'
  synced = false
  resets = 0
  private lastReset = 0
  private resetTimer: ReturnType<typeof setTimeout> | null = null
  private detail = ''

  constructor(private readonly opts: SyncManagerOptions) {
    this.session = this.create()
  }

  private create(): SyncSession {
    const s = new SyncSession(this.opts.roomId, this.opts.token, this.opts.user)
    this.status = 'connecting'
    this.synced = false
    s.provider.on('status', ({ status }) => {
      if (this.session !== s) return
      this.status = status
      if (status === 'connected') this.detail = ''
      this.emit()
    })
    s.provider.on('sync', (synced: boolean) => {
      if (this.session !== s) return
      this.synced = synced
      this.emit()
    })
    s.provider.on('connection-close', (event: CloseEvent | null) => {
      if (this.session !== s) return
      if (event && event.code !== 1000 && event.code !== 1005) {
        this.detail = `closed ${event.code}${event.reason ? `: ${event.reason}` : ''}`
        this.emit()
      }
    })
    this.session = s
    this.opts.onSession(s)
    this.emit()
    return s
  }

  private emit() {
    this.opts.onStatus?.(this.status, this.synced, this.detail)
  }

  /** Throw the local document away and sync a fresh one. Rate-limited to one per 500 ms. */
  reset(): void {
    const wait = this.lastReset + 500 - Date.now()
    if (wait > 0) {
      if (!this.resetTimer) this.resetTimer = setTimeout(() => ((this.resetTimer = null), this.reset()), wait)
      return
    }
    this.lastReset = Date.now()
    this.resets++
    const old = this.session
    this.create()
    old.destroy()
  }

  /** Reconnect now if disconnected (e.g. after the browser comes back online). */
  reconnect(): void {
    const p = this.session.provider
    if (!p.wsconnected && !p.wsconnecting) p.connect()
  }

  /**
   * The server stopped answering (the events socket's heartbeat): close this socket too
   * rather than wait for y-websocket's own 30-second silence limit; it reconnects.
   */
  dropDeadLink(): void {
    const ws = this.session.provider.ws
    if (ws && ws.readyState === WebSocket.OPEN) ws.close()
  }

  destroy(): void {
    if (this.resetTimer) clearTimeout(this.resetTimer)
    this.session.destroy()
  }
}
