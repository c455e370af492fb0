// The projector page /r/{id}/projector: a read-only, large-type view for the room's wall.
// It follows the driver: their cursor and selection are kept in view, in whichever file
// they are. The code zooms (Ctrl/Cmd + '+'/'-'/'0', or the buttons), remembered here.

import qrcode from 'qrcode-generator'
import { api, ApiError, type Room, type Rotation, type Run } from './api'
import { beep, unlockAudioOnGesture } from './alerts'
import { ServerClock } from './clock'
import { Countdown } from './countdown'
import { runDiagnostics } from './diagnostics'
import { h, replace } from './dom'
import { colourFor, initials } from './format'
import { CodeEditor } from './editor'
import { EventsSocket, type EventsState, type ServerEvent } from './events'
import { icon } from './icons'
import { renderLights } from './lights'
import { fileNames, roomLanguage } from './languages'
import { joinUrl, shortJoinText } from './links'
import { participantMap, rolesOf } from './roles'
import { awayLine } from './roster-model'
import { readPresence, watchPresence } from './room/awareness'
import { connectionView } from './room/model/connection'
import { cursorOf } from './room/model/follow'
import { latestDone } from './room/model/runs'
import type { PresenceEntry, SyncState } from './room/model/state'
import { renderUnknownRoom } from './room/notices'
import { LIGHT_ICON, lightOf, statusWord } from './run-format'
import { store } from './storage'
import { SyncManager, type SyncSession } from './sync'
import { TEXT_NAMES, type TextName } from './texts'
import { createZoomControl, listenZoomKeys } from './zoom-control'

export function qrSvg(text: string): string {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  return qr.createSvgTag({ cellSize: 8, margin: 2, scalable: true })
}

export async function renderProjector(app: HTMLElement, roomId: string): Promise<void> {
  document.body.classList.add('projector-body')
  replace(app, h('main', { id: 'main', class: 'centered' }, h('p', { class: 'muted', testid: 'loading' }, 'Opening the projector view…')))
  let room: Room
  try {
    room = await api.room(roomId)
  } catch (err) {
    document.body.classList.remove('projector-body')
    if (err instanceof ApiError && err.status === 404) return renderUnknownRoom(app, roomId)
    replace(app, h('main', { id: 'main', class: 'centered' }, h('p', { class: 'form-error', role: 'alert', testid: 'room-error' }, `Cannot open the room: ${(err as Error).message}`)))
    return
  }
  startProjector(app, room)
}

function startProjector(app: HTMLElement, initial: Room): void {
  const roomId = initial.id
  let room = initial
  const clock = new ServerClock()
  clock.observe(room.server_time_ms)
  const runs = new Map<string, Run>()
  unlockAudioOnGesture()
  document.title = `Projector · ${room.kata_title ?? 'Free practice'} · Randori`
  const nameOf = (id: string | null | undefined) => (id ? (participantMap(room).get(id)?.name ?? 'someone') : '—')

  // ---- top bar ---
  const title = h('h1', { class: 'proj-title', testid: 'projector-title' }, room.kata_title ?? 'Free practice')
  const countdownEl = h('div', { testid: 'countdown', class: 'proj-countdown' })
  const countdown = new Countdown(countdownEl, clock)
  const url = joinUrl(roomId)
  const qr = h('div', { class: 'qr', testid: 'qr', role: 'img', 'aria-label': `QR code for ${url}` })
  qr.innerHTML = qrSvg(url)
  // One line, without "http://" (browsers add it): the full address wrapped over three
  // lines at the back of a room. The QR code carries the whole URL.
  const joinText = h('span', { class: 'mono proj-join-url', testid: 'join-url', title: url, dataset: { url } }, shortJoinText(url))
  const join = h('div', { class: 'proj-join' }, qr, h('div', { class: 'proj-join-text' }, h('span', { class: 'muted' }, 'Join at'), joinText))

  // ---- roles ---
  const who = (label: string, testid: string) => {
    const value = h('span', { class: 'who-name', testid })
    const labelEl = h('span', { class: 'who-label' }, label)
    return { value, labelEl, el: h('div', { class: `who who-${testid}` }, labelEl, value) }
  }
  const drv = who('Driving', 'projector-driver')
  const nav = who('Navigating', 'projector-navigator')
  const nxt = who('Next up', 'projector-next')
  const statusLine = h('div', { class: 'proj-status', testid: 'role-banner', role: 'status', 'aria-live': 'polite' })
  const away = h('div', { class: 'proj-away', testid: 'projector-away' })
  const rolesRow = h('section', { class: 'proj-roles', 'aria-label': 'Roles' }, drv.el, nav.el, nxt.el, statusLine, away)

  // ---- code ---
  const editors = {} as Record<TextName, CodeEditor>
  const codeRow = h('section', { class: 'proj-code', 'aria-label': 'Code' })
  // A room keeps its language for life: the one it was opened with.
  const language = roomLanguage(room.language)
  const files = fileNames(language)
  const fileBoxes = {} as Record<TextName, HTMLElement>
  for (const n of TEXT_NAMES) {
    const parent = h('div', { class: 'proj-editor', testid: `editor-${n}` })
    fileBoxes[n] = h('div', { class: `proj-file proj-file-${n}`, testid: `proj-file-${n}` }, h('h2', { class: 'proj-file-name', testid: `file-name-${n}` }, files[n]), parent)
    codeRow.appendChild(fileBoxes[n])
    editors[n] = new CodeEditor({ parent, label: n === 'solution' ? 'Solution code' : 'Test code', language, readOnly: true, watcher: true })
  }
  const zoomView = createZoomControl((z) => setZoom(z))
  let zoom = store.zoom('projector')
  const setZoom = (z: number) => {
    zoom = z
    store.setZoom('projector', z)
    codeRow.style.setProperty('--code-zoom', String(z))
    for (const n of TEXT_NAMES) editors[n].setZoom(z)
    zoomView.update({ zoom: z })
    follow()
  }
  listenZoomKeys(() => zoom, setZoom)

  // ---- lights + latest result ---
  const lightStrip = h('ol', { class: 'light-strip proj-lights', testid: 'light-strip', 'aria-label': 'Traffic lights' })
  const latest = h('div', { class: 'proj-latest', testid: 'latest-result', role: 'status', 'aria-live': 'polite' })
  const connection = h('div', { class: 'connection proj-connection', testid: 'connection' })
  const banner = h('div', { class: 'proj-flash', testid: 'projector-flash', hidden: true, role: 'alert' })

  const soundToggle = h('input', { type: 'checkbox', id: 'proj-sound', checked: store.prefs().sound, testid: 'sound-toggle' })
  soundToggle.addEventListener('change', () => store.setPrefs({ sound: soundToggle.checked }))

  replace(
    app,
    h(
      'main',
      { id: 'main', class: 'projector', testid: 'projector' },
      h('header', { class: 'proj-top' }, title, countdownEl, join),
      rolesRow,
      codeRow,
      h('footer', { class: 'proj-bottom' }, lightStrip, latest, h('div', { class: 'proj-meta' }, connection, h('div', { class: 'proj-controls' }, zoomView.el, h('label', { class: 'toggle small' }, soundToggle, ' Sound')))),
      banner,
    ),
  )

  const renderLatest = () => {
    let last: Run | null = null
    for (const r of runs.values()) if (r.status === 'done' && (!last || r.created_at_ms >= last.created_at_ms)) last = r
    const pending = [...runs.values()].find((r) => r.status !== 'done')
    if (!last) {
      latest.dataset.verdict = ''
      replace(latest, pending ? h('span', { class: 'muted' }, `${nameOf(pending.requested_by)}'s run: ${pending.status}…`) : h('span', { class: 'muted' }, 'No runs yet'))
      return
    }
    const light = lightOf(last)
    latest.dataset.verdict = last.verdict ?? ''
    latest.dataset.light = light
    const failing = (last.results ?? []).filter((c) => c.status !== 'passed').slice(0, 3)
    replace(
      latest,
      h('span', { class: `proj-verdict light-${light}`, testid: 'results-verdict' }, icon(LIGHT_ICON[light]), ' ', statusWord(last.verdict ?? light)),
      h('span', { class: 'proj-summary', testid: 'results-summary' }, `${last.kind === 'submit' ? 'Submission' : 'Tests'} by ${nameOf(last.driver ?? last.requested_by)}${last.summary ? `: ${last.summary}` : ''}`),
      failing.length ? h('ul', { class: 'proj-failing' }, failing.map((c) => h('li', null, `${statusWord(c.status)}: ${c.name}`))) : null,
      pending ? h('span', { class: 'muted' }, ` · ${nameOf(pending.requested_by)}'s run ${pending.status}…`) : null,
    )
  }

  const renderAll = () => {
    const r = rolesOf(room.rotation)
    const person = (id: string | null) => (id ? [h('span', { class: 'avatar', style: { backgroundColor: colourFor(id).color }, 'aria-hidden': 'true' }, initials(nameOf(id))), ' ', nameOf(id)] : ['—'])
    replace(drv.value, ...person(r.driver))
    replace(nav.value, ...person(r.navigator))
    replace(nxt.value, ...person(r.next))
    const st = room.rotation?.status ?? 'idle'
    const later = st === 'break' || st === 'idle'
    drv.labelEl.textContent = later ? 'Drives first' : 'Driving'
    nav.labelEl.textContent = later ? 'Navigates first' : 'Navigating'
    if (st === 'break') {
      drv.labelEl.textContent = 'Drives after the break'
      nav.labelEl.textContent = 'Navigates after the break'
    }
    const text: Record<string, string> = {
      idle: 'Waiting to start',
      running: `Turn ${room.rotation?.turn ?? ''}`,
      paused: 'Paused',
      break: 'Break time',
      waiting: room.settings.time_up === 'on_green' ? "Time's up: rotating at the next green run" : "Time's up: waiting for the facilitator",
      ended: 'Session ended',
    }
    statusLine.dataset.status = st
    statusLine.textContent = `${text[st] ?? st} · ${room.settings.mode === 'strict' ? 'strict' : 'free'} mode · ${room.participants.filter((p) => p.online).length} online`
    away.textContent = awayLine(room)
    away.hidden = away.textContent === ''
    countdown.set(room.rotation, room.settings)
    title.textContent = room.kata_title ?? 'Free practice'
    renderLights(lightStrip, [...runs.values()], nameOf, { max: 16, emptyText: '' })
    renderLatest()
    renderDiagnostics()
    follow()
  }

  // The latest finished run's errors, at their lines in both files.
  let diagnosed: Run | null = null
  const renderDiagnostics = () => {
    const run = latestDone(runs)
    if (run === diagnosed) return
    diagnosed = run
    const byFile = runDiagnostics(run, files, language)
    for (const n of TEXT_NAMES) editors[n].showDiagnostics(byFile[n])
  }

  // Follow the driver: the file their cursor is in is marked, and the cursor (with its
  // selection) scrolled into view. The projector has no one to pause it.
  let presence: PresenceEntry[] = []
  let followed = ''
  const follow = () => {
    const c = cursorOf(presence, rolesOf(room.rotation).driver)
    for (const n of TEXT_NAMES) fileBoxes[n].classList.toggle('proj-file-active', c?.tab === n)
    codeRow.dataset.followed = c?.tab ?? ''
    const key = c ? `${c.tab}:${c.anchor}:${c.head}:${zoom}` : ''
    if (!c || key === followed) return
    followed = key
    // Out of the current task: presence can change inside a CodeMirror update.
    queueMicrotask(() => editors[c.tab].scrollToRange(c.anchor, c.head))
  }
  const onPresence = (p: PresenceEntry[]) => {
    presence = p
    follow()
  }

  const flash = (text: string, stars = false) => {
    replace(banner, stars ? icon('star') : null, text, stars ? icon('star') : null)
    banner.hidden = false
    setTimeout(() => (banner.hidden = true), 4000)
  }

  const applyRotation = (rot: Rotation) => {
    room = { ...room, rotation: rot }
    clock.observe(rot.server_time_ms)
    renderAll()
  }

  const upsert = (run: Run) => {
    const prev = runs.get(run.id)
    if (prev && prev.status === 'done' && run.status !== 'done') return
    runs.set(run.id, { ...prev, ...run })
  }

  const loadRuns = async () => {
    try {
      for (const r of await api.runs(roomId)) upsert(r)
      renderAll()
    } catch (e) {
      console.warn('runs: could not load', e)
    }
  }

  const onEvent = (ev: ServerEvent) => {
    switch (ev.type) {
      case 'hello':
      case 'room':
        room = ev.room
        clock.observe(ev.room.server_time_ms ?? ev.room.rotation?.server_time_ms)
        renderAll()
        break
      case 'rotation':
        applyRotation(ev.rotation)
        break
      case 'warning':
        countdownEl.classList.add('flash')
        setTimeout(() => countdownEl.classList.remove('flash'), 3000)
        break
      case 'time_up': {
        applyRotation(ev.rotation)
        if (store.prefs().sound) beep()
        const r = rolesOf(ev.rotation)
        flash(ev.rotation.status === 'waiting' ? "Time's up!" : ev.rotation.status === 'break' ? 'Break time!' : `Time's up! ${nameOf(r.driver)} drives`)
        break
      }
      case 'run_queued':
      case 'run_started':
        upsert(ev.run)
        renderAll()
        break
      case 'run_finished':
        upsert(ev.run)
        renderAll()
        if (ev.run.kind === 'submit' && ev.run.verdict === 'passed') flash('Submission passed!', true)
        break
    }
  }

  // ---- connections ---
  // The same words as the room page's indicator (room/model/connection.ts), shorter.
  let syncState: SyncState = { status: 'connecting', synced: false, detail: '' }
  let eventsState: EventsState = { kind: 'connecting', attempt: 0 }
  let online = navigator.onLine !== false
  const renderConnection = () => {
    const v = connectionView(syncState, eventsState, Date.now(), online)
    connection.dataset.state = v.state
    connection.dataset.sync = syncState.status
    connection.dataset.events = eventsState.kind
    const text = v.state === 'online' ? 'live' : v.state === 'offline' ? 'offline' : eventsState.kind === 'waiting' ? `reconnecting (attempt ${eventsState.attempt})…` : `${v.syncText} · ${v.eventsText}`
    replace(connection, h('span', { class: `dot ${v.state === 'online' ? 'ok' : v.state === 'offline' ? 'off' : 'bad'}`, 'aria-hidden': 'true' }), text)
  }
  let unwatch: (() => void) | null = null
  const sync = new SyncManager({
    roomId,
    token: null,
    user: null,
    onSession: (s: SyncSession) => {
      for (const n of TEXT_NAMES) editors[n].bind(s.texts[n], s.awareness)
      unwatch?.()
      unwatch = watchPresence(s, onPresence)
      onPresence(readPresence(s))
    },
    onStatus: (status, synced, detail) => {
      syncState = { status, synced, detail }
      renderConnection()
    },
  })
  const events = new EventsSocket({
    roomId,
    token: null,
    onEvent,
    onState: (s) => {
      eventsState = s
      renderConnection()
    },
    onReconnect: () => void loadRuns(),
    onDeadLink: () => sync.dropDeadLink(),
  })
  window.addEventListener('offline', () => {
    online = false
    renderConnection()
  })
  window.addEventListener('online', () => {
    online = true
    renderConnection()
    sync.reconnect()
    events.retryNow()
  })
  window.addEventListener('pagehide', (e) => {
    if (e.persisted) return
    events.close()
    sync.destroy()
  })
  renderConnection()
  setZoom(zoom)
  renderAll()
  void loadRuns()
  ;(window as unknown as Record<string, unknown>).randori = { room: () => room, runs, sync, events }
}
