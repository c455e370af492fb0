// The connection indicator in the header: code sync and events socket, with "Retry now"
// while the events socket waits to reconnect.

import { h } from '../../dom'
import type { EventsState } from '../../events'
import type { View } from '../../view'
import { connectionView } from '../model/connection'
import type { SyncState } from '../model/state'

export interface ConnectionProps {
  sync: SyncState
  events: EventsState
  /** navigator.onLine, kept up to date by the online/offline events. */
  online: boolean
}

const setText = (el: HTMLElement, text: string) => {
  // Unchanged text is not rewritten: this is an aria-live region.
  if (el.textContent !== text) el.textContent = text
}

export function createConnection(onRetry: () => void): View<ConnectionProps> {
  const dot = h('span', { 'aria-hidden': 'true' })
  const syncEl = h('span', { testid: 'connection-sync' })
  const eventsEl = h('span', { testid: 'connection-events' })
  const retry = h('button', { type: 'button', class: 'small link', testid: 'reconnect-now', onclick: onRetry }, 'Retry now')
  const el = h('div', { class: 'connection', testid: 'connection', role: 'status', 'aria-live': 'polite' }, dot, syncEl, ' · ', eventsEl)
  let props: ConnectionProps | null = null
  let ticker: ReturnType<typeof setInterval> | null = null

  const paint = () => {
    if (!props) return
    const v = connectionView(props.sync, props.events, Date.now(), props.online)
    Object.assign(el.dataset, { sync: props.sync.status, synced: String(props.sync.synced), events: props.events.kind, state: v.state })
    dot.className = `dot ${v.state === 'online' ? 'ok' : v.state === 'offline' ? 'off' : 'bad'}`
    syncEl.dataset.status = props.sync.status
    eventsEl.dataset.status = props.events.kind
    setText(syncEl, v.syncText)
    setText(eventsEl, v.eventsText)
    if (v.canRetry && !retry.isConnected) el.append(retry)
    if (!v.canRetry) retry.remove()
  }
  const update = (next: ConnectionProps) => {
    props = next
    paint()
    // "retry in 3s" counts down on its own, between state changes.
    const waiting = next.events.kind === 'waiting'
    if (waiting && !ticker) ticker = setInterval(paint, 1000)
    if (!waiting && ticker) {
      clearInterval(ticker)
      ticker = null
    }
  }
  return { el, update }
}
