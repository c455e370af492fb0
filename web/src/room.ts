// The room page /r/{id}: editor, roles, countdown, roster, runs, facilitator controls.

import * as Y from 'yjs'
import { api, ApiError, joinUrl, type Room, type Rotation, type RotationAction, type Run, type RunKind } from './api'
import { alertTimeUp, requestNotificationPermission, unlockAudioOnGesture } from './alerts'
import { Countdown, ServerClock } from './countdown'
import { colourFor, copyText, h, replace, toast } from './dom'
import { CodeEditor } from './editor'
import { EventsSocket, type EventsState, type ServerEvent } from './events'
import { createFacilitatorPanel, type FacilitatorPanel } from './facilitator'
import { renderLights, renderResults } from './lights'
import { pageHeader } from './lobby'
import { canEdit, participantMap, roleOf, rolesOf } from './roles'
import { renderRoster } from './roster'
import { entryName, loadStatement } from './statement'
import { captureFacilitatorHash, store, type Identity } from './storage'
import { SyncManager, TEXT_NAMES, type SyncSession, type SyncStatus, type TextName } from './sync'

const watchKey = (id: string) => `randori.watch.${id}`

export async function renderRoom(app: HTMLElement, roomId: string): Promise<void> {
  captureFacilitatorHash(roomId)
  replace(app, pageHeader(), h('main', { id: 'main', class: 'centered' }, h('p', { class: 'muted', testid: 'loading' }, 'Opening the room…')))
  let room: Room
  try {
    room = await api.room(roomId)
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) renderUnknownRoom(app, roomId)
    else renderRoomError(app, roomId, err as Error)
    return
  }
  store.addRecent({ id: room.id, kata: room.kata, kata_title: room.kata_title })
  let me = store.identity(roomId)
  if (!me && sessionStorage.getItem(watchKey(roomId)) !== '1') me = await promptJoin(app, room)
  startRoom(app, room, me)
}

export function renderUnknownRoom(app: HTMLElement, roomId: string): void {
  document.title = 'Room not found · Randori'
  replace(
    app,
    pageHeader(),
    h(
      'main',
      { id: 'main', class: 'centered' },
      h(
        'section',
        { class: 'card notice', testid: 'unknown-room', role: 'alert' },
        h('h1', null, 'Room not found'),
        h('p', null, 'There is no room ', h('code', null, roomId), ' on this server. It may have been mistyped, or the server was reset.'),
        h('p', null, h('a', { href: '/', class: 'button primary', testid: 'back-to-lobby' }, 'Go to the lobby'), ' to create a room or join another one.'),
      ),
    ),
  )
}

function renderRoomError(app: HTMLElement, roomId: string, err: Error): void {
  replace(
    app,
    pageHeader(),
    h(
      'main',
      { id: 'main', class: 'centered' },
      h(
        'section',
        { class: 'card notice', testid: 'room-error', role: 'alert' },
        h('h1', null, 'Cannot open the room'),
        h('p', null, err.message),
        h('button', { type: 'button', class: 'primary', onclick: () => void renderRoom(app, roomId) }, 'Try again'),
      ),
    ),
  )
}

/** Ask for a name and join; resolves null if the user chooses to only watch. */
function promptJoin(app: HTMLElement, room: Room): Promise<Identity | null> {
  document.title = `Join ${room.kata_title ?? 'room'} · Randori`
  return new Promise((resolve) => {
    const input = h('input', {
      id: 'join-name',
      name: 'name',
      type: 'text',
      maxlength: '40',
      required: true,
      autocomplete: 'nickname',
      testid: 'name-input',
      value: store.name(),
    })
    const error = h('p', { class: 'form-error', role: 'alert', testid: 'name-error' })
    const submit = h('button', { type: 'submit', class: 'primary', testid: 'name-submit' }, 'Join')
    const form = h(
      'form',
      { class: 'card join-prompt', testid: 'name-form', 'aria-labelledby': 'join-prompt-title' },
      h('h1', { id: 'join-prompt-title' }, room.kata_title ? `Join the ${room.kata_title} room` : 'Join the room'),
      h('p', { class: 'muted' }, `${room.participants.length} in the room · ${room.settings.mode === 'strict' ? 'only the driver types' : 'everyone types'} · ${Math.round(room.settings.turn_seconds / 6) / 10} min turns`),
      h('div', { class: 'field' }, h('label', { for: 'join-name' }, 'Your name'), input),
      error,
      h(
        'div',
        { class: 'button-row' },
        submit,
        h(
          'button',
          {
            type: 'button',
            class: 'ghost',
            testid: 'watch-only',
            onclick: () => {
              sessionStorage.setItem(watchKey(room.id), '1')
              resolve(null)
            },
          },
          'Just watch',
        ),
      ),
    )
    form.addEventListener('submit', async (e) => {
      e.preventDefault()
      const name = input.value.trim()
      if (!name) {
        error.textContent = 'Please enter a name.'
        input.focus()
        return
      }
      submit.disabled = true
      error.textContent = ''
      try {
        const res = await api.join(room.id, name)
        const ident: Identity = { participant_id: res.participant_id, token: res.token, name }
        store.setName(name)
        store.setIdentity(room.id, ident)
        sessionStorage.removeItem(watchKey(room.id))
        resolve(ident)
      } catch (err) {
        error.textContent = `Could not join: ${(err as Error).message}`
        submit.disabled = false
      }
    })
    replace(app, pageHeader(), h('main', { id: 'main', class: 'centered' }, form))
    input.focus()
    input.select()
  })
}

function startRoom(app: HTMLElement, initial: Room, me: Identity | null): void {
  const roomId = initial.id
  const meId = me?.participant_id ?? null
  const facToken = store.facilitatorToken(roomId)
  const clock = new ServerClock()
  let room: Room = initial
  clock.observe(room.server_time_ms)
  const runs = new Map<string, Run>()
  let selectedRunId: string | null = null
  let myRunId: string | null = null
  let myRunRequested = false
  let activeTab: TextName = 'solution'
  const prefs = store.prefs()
  unlockAudioOnGesture()

  const nameOf = (id: string | null | undefined) => (id ? (participantMap(room).get(id)?.name ?? 'someone') : 'nobody')

  // ---- header ---------------------------------------------------------------
  const connection = h('div', { class: 'connection', testid: 'connection', role: 'status', 'aria-live': 'polite' })
  const soundToggle = h('input', { type: 'checkbox', id: 'pref-sound', checked: prefs.sound, testid: 'sound-toggle' })
  const notifyToggle = h('input', {
    type: 'checkbox',
    id: 'pref-notify',
    checked: prefs.notify && typeof Notification !== 'undefined' && Notification.permission === 'granted',
    testid: 'notify-toggle',
  })
  soundToggle.addEventListener('change', () => store.setPrefs({ sound: soundToggle.checked }))
  notifyToggle.addEventListener('change', async () => {
    if (notifyToggle.checked && !(await requestNotificationPermission())) {
      toast('Notifications are blocked by the browser for this site.', 'error')
      notifyToggle.checked = false
    }
    store.setPrefs({ notify: notifyToggle.checked })
  })
  const header = h(
    'header',
    { class: 'site-header room-header' },
    h('a', { class: 'brand', href: '/', 'aria-label': 'Randori lobby' }, h('span', { class: 'brand-lights', 'aria-hidden': 'true' }, '●●●'), ' Randori'),
    h('h1', { class: 'room-title' }, h('span', { testid: 'room-kata' }, room.kata_title ?? 'Free practice'), h('span', { class: 'muted mono small', testid: 'room-id' }, ` ${roomId}`)),
    connection,
    h(
      'div',
      { class: 'header-actions' },
      h('label', { class: 'toggle', title: 'Beep when time is up' }, soundToggle, ' Sound'),
      h('label', { class: 'toggle', title: 'Browser notification when time is up' }, notifyToggle, ' Notify'),
      h(
        'button',
        {
          type: 'button',
          class: 'small',
          testid: 'copy-join-link',
          onclick: async () => toast((await copyText(joinUrl(roomId))) ? 'Join link copied' : 'Could not copy the link'),
        },
        'Copy join link',
      ),
      h('a', { class: 'button small', href: `/r/${encodeURIComponent(roomId)}/projector`, target: '_blank', rel: 'noopener', testid: 'projector-link' }, 'Projector'),
      !me
        ? h(
            'button',
            {
              type: 'button',
              class: 'small primary',
              testid: 'join-instead',
              onclick: () => {
                sessionStorage.removeItem(watchKey(roomId))
                location.reload()
              },
            },
            'Join',
          )
        : h('span', { class: 'badge me-badge', testid: 'me' }, me.name),
    ),
  )

  // ---- status bar: role banner + countdown --------------------------------------
  const banner = h('div', { class: 'role-banner', testid: 'role-banner', role: 'status', 'aria-live': 'polite' })
  const countdownEl = h('div', { testid: 'countdown' })
  const countdown = new Countdown(countdownEl, clock)
  const statusBar = h('section', { class: 'status-bar', 'aria-label': 'Turn' }, banner, countdownEl)

  // ---- statement pane --------------------------------------------------------
  const statement = h('div', { class: 'statement', testid: 'statement' })
  // tabindex: the pane scrolls, so keyboard users must be able to focus it.
  const statementPane = h('aside', { class: 'pane statement-pane', 'aria-label': 'Kata statement', id: 'statement-pane', tabIndex: 0 }, statement)
  const statementToggle = h(
    'button',
    { type: 'button', class: 'small statement-toggle', testid: 'statement-toggle', 'aria-controls': 'statement-pane', 'aria-expanded': 'true', title: 'Hide the kata statement' },
    '◀ Statement',
  )
  statementToggle.addEventListener('click', () => {
    const hidden = !statementPane.hidden
    statementPane.hidden = hidden
    grid.classList.toggle('no-statement', hidden)
    statementToggle.setAttribute('aria-expanded', String(!hidden))
    statementToggle.textContent = hidden ? '▶ Statement' : '◀ Statement'
    statementToggle.title = hidden ? 'Show the kata statement' : 'Hide the kata statement'
    for (const n of TEXT_NAMES) editors[n].view.requestMeasure()
  })
  let entry: string | null = null
  void loadStatement(statement, room.kata, room.kata_title).then((kata) => {
    entry = entryName(kata?.entry)
    if (entry) renderRuns()
  })

  // ---- editors ----------------------------------------------------------------
  const tabButtons = {} as Record<TextName, HTMLButtonElement>
  const tabPresence = {} as Record<TextName, HTMLElement>
  const panels = {} as Record<TextName, HTMLElement>
  const editors = {} as Record<TextName, CodeEditor>
  const tabList = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Files' })
  const editorsBox = h('div', { class: 'editors' })
  const labels: Record<TextName, string> = { solution: 'solution.py', tests: 'test_solution.py' }
  for (const name of TEXT_NAMES) {
    tabPresence[name] = h('span', { class: 'tab-presence', testid: `tab-presence-${name}` })
    tabButtons[name] = h(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: `tab-${name}`,
        class: 'tab',
        testid: `tab-${name}`,
        'aria-controls': `panel-${name}`,
        'aria-selected': String(name === activeTab),
        tabIndex: name === activeTab ? 0 : -1,
        onclick: () => selectTab(name, true),
      },
      labels[name],
      tabPresence[name],
    )
    tabList.appendChild(tabButtons[name])
    panels[name] = h('div', {
      role: 'tabpanel',
      id: `panel-${name}`,
      class: 'editor-panel',
      testid: `editor-${name}`,
      'aria-labelledby': `tab-${name}`,
      hidden: name !== activeTab,
    })
    editorsBox.appendChild(panels[name])
    editors[name] = new CodeEditor({
      parent: panels[name],
      label: name === 'solution' ? 'Solution code' : 'Test code',
      readOnly: true,
      onRun: () => void requestRun('test'),
      describedBy: 'editor-keys',
    })
  }
  tabList.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight' && e.key !== 'Home' && e.key !== 'End') return
    e.preventDefault()
    const i = TEXT_NAMES.indexOf(activeTab)
    const n = TEXT_NAMES.length
    const j = e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : (i + (e.key === 'ArrowRight' ? 1 : n - 1)) % n
    selectTab(TEXT_NAMES[j], true)
    tabButtons[TEXT_NAMES[j]].focus()
  })
  const followToggle = h('input', { type: 'checkbox', id: 'pref-follow', checked: prefs.followDriver, testid: 'follow-driver' })
  followToggle.addEventListener('change', () => store.setPrefs({ followDriver: followToggle.checked }))
  const followLabel = h('label', { class: 'toggle small follow', title: 'Switch to the file the driver is in' }, followToggle, ' Follow driver')
  const readOnlyNote = h('span', { class: 'readonly-note', testid: 'readonly-note', role: 'status' })

  function selectTab(name: TextName, user: boolean) {
    if (name === activeTab && !user) return
    activeTab = name
    for (const n of TEXT_NAMES) {
      const on = n === name
      tabButtons[n].setAttribute('aria-selected', String(on))
      tabButtons[n].tabIndex = on ? 0 : -1
      panels[n].hidden = !on
    }
    editors[name].view.requestMeasure()
  }

  // ---- runs ------------------------------------------------------------------
  const runTests = h('button', { type: 'button', class: 'primary', testid: 'run-tests', 'aria-keyshortcuts': 'Control+Enter Meta+Enter', onclick: () => void requestRun('test') }, '▶ Run tests')
  const submit = h('button', { type: 'button', testid: 'submit', onclick: () => void requestRun('submit') }, '★ Submit')
  const runStatus = h('span', { class: 'run-status', testid: 'run-status', role: 'status', 'aria-live': 'polite' })
  const runBar = h(
    'div',
    { class: 'run-bar' },
    runTests,
    submit,
    h(
      'span',
      { class: 'muted small kbd-hint', id: 'editor-keys' },
      h('kbd', null, 'Ctrl'),
      '+',
      h('kbd', null, 'Enter'),
      ' runs the tests · ',
      h('kbd', null, 'Esc'),
      ' then ',
      h('kbd', null, 'Tab'),
      ' leaves the editor',
    ),
    runStatus,
  )
  if (!me) runBar.hidden = true
  const results = h('section', { class: 'results', testid: 'results', 'aria-label': 'Test results', tabIndex: -1 })
  const lightStrip = h('ol', { class: 'light-strip', testid: 'light-strip', 'aria-label': 'Traffic lights of this session' })

  async function requestRun(kind: RunKind) {
    if (!me) {
      toast('Join the room to run tests.', 'info')
      return
    }
    if (kind === 'submit' && !room.kata) return
    if (myRunRequested || (myRunId && runs.get(myRunId)?.status !== 'done' && runs.has(myRunId))) {
      toast('Your previous run is still in progress.', 'info')
      return
    }
    myRunRequested = true
    renderRunState()
    try {
      const res = await api.requestRun(roomId, kind, me.token)
      myRunId = res.run_id
      if (!runs.has(res.run_id)) {
        runs.set(res.run_id, {
          id: res.run_id,
          kind,
          status: 'queued',
          requested_by: me.participant_id,
          driver: rolesOf(room.rotation).driver,
          turn: room.rotation?.turn ?? 0,
          created_at_ms: clock.now(),
        })
      }
      queuePositions.set(res.run_id, res.queue_position)
    } catch (err) {
      toast(`Could not start the run: ${(err as Error).message}`, 'error')
    } finally {
      myRunRequested = false
      renderRuns()
    }
  }
  const queuePositions = new Map<string, number>()

  function renderRunState() {
    const pending = [...runs.values()].filter((r) => r.status !== 'done').sort((a, b) => a.created_at_ms - b.created_at_ms)
    const mine = myRunId ? runs.get(myRunId) : undefined
    const myPending = myRunRequested || (mine !== undefined && mine.status !== 'done')
    runTests.disabled = myPending
    submit.disabled = myPending
    submit.hidden = !room.kata
    let text = ''
    let state = 'idle'
    if (myRunRequested && !mine) {
      text = 'Sending…'
      state = 'queued'
    } else if (mine && mine.status === 'queued') {
      const pos = queuePositions.get(mine.id)
      text = `${mine.kind === 'submit' ? 'Submission' : 'Tests'} queued${pos ? ` (position ${pos})` : ''}…`
      state = 'queued'
    } else if (mine && mine.status === 'running') {
      text = `${mine.kind === 'submit' ? 'Judging the submission' : 'Running the tests'}…`
      state = 'running'
    } else if (pending.length > 0) {
      const r = pending[0]
      text = `${nameOf(r.requested_by)}'s ${r.kind === 'submit' ? 'submission' : 'tests'}: ${r.status}…`
      state = r.status
    }
    runStatus.textContent = text
    runStatus.dataset.state = state
    runTests.textContent = myPending && mine?.kind !== 'submit' ? (state === 'running' ? '⏳ Running…' : '⏳ Queued…') : '▶ Run tests'
    submit.textContent = myPending && mine?.kind === 'submit' ? (state === 'running' ? '⏳ Judging…' : '⏳ Queued…') : '★ Submit'
  }

  function latestDone(): Run | null {
    let best: Run | null = null
    for (const r of runs.values()) if (r.status === 'done' && (!best || r.created_at_ms >= best.created_at_ms)) best = r
    return best
  }

  function renderRuns() {
    const latest = latestDone()
    const selected = selectedRunId ? (runs.get(selectedRunId) ?? null) : null
    renderLights(lightStrip, [...runs.values()], nameOf, {
      selectedId: selected?.id ?? null,
      onSelect: (run) => {
        selectedRunId = selectedRunId === run.id || run.id === latest?.id ? null : run.id
        renderRuns()
        results.focus()
      },
    })
    renderResults(results, selected ?? latest, nameOf, !selected || selected.id === latest?.id, entry)
    renderRunState()
  }

  function upsertRun(run: Run) {
    const prev = runs.get(run.id)
    // Never let a late "queued" overwrite a "done".
    if (prev && prev.status === 'done' && run.status !== 'done') return
    runs.set(run.id, { ...prev, ...run })
  }

  async function loadRuns() {
    try {
      for (const r of await api.runs(roomId)) upsertRun(r)
      renderRuns()
    } catch (err) {
      console.warn('runs: could not load', err)
    }
  }

  // ---- roster + facilitator ----------------------------------------------------
  const roster = h('ol', { class: 'roster', testid: 'roster', 'aria-label': 'People in the room, in turn order' })
  let panel: FacilitatorPanel | null = null
  const act = async (action: RotationAction) => {
    if (!facToken) return
    panel?.setBusy(true)
    try {
      const rot = await api.rotation(roomId, action, facToken)
      if (rot && typeof rot === 'object' && 'status' in rot) applyRotation(rot)
    } catch (err) {
      const e = err as ApiError
      toast(e.status === 403 || e.status === 401 ? 'This browser’s facilitator token is not accepted for this room.' : `Could not ${action.action}: ${e.message}`, 'error')
    } finally {
      panel?.setBusy(false)
    }
  }
  if (facToken) panel = createFacilitatorPanel(roomId, facToken, act)

  // ---- layout -----------------------------------------------------------------
  const grid = h(
    'main',
    { id: 'main', class: 'room-grid', testid: 'room' },
    statementPane,
    h(
      'section',
      { class: 'pane work-pane', 'aria-label': 'Code' },
      h('div', { class: 'editor-toolbar' }, statementToggle, tabList, readOnlyNote, followLabel),
      editorsBox,
      runBar,
      results,
    ),
    h(
      'aside',
      { class: 'pane side-pane', 'aria-label': 'Session' },
      h('section', { class: 'panel', 'aria-labelledby': 'lights-title' }, h('h2', { id: 'lights-title' }, 'Traffic lights'), lightStrip),
      h('section', { class: 'panel', 'aria-labelledby': 'roster-title' }, h('h2', { id: 'roster-title' }, 'Rotation'), roster),
      panel?.el ?? null,
    ),
  )
  replace(app, header, statusBar, grid)
  document.title = `${room.kata_title ?? 'Free practice'} · Randori`

  // ---- rendering of room state ---------------------------------------------------
  let helloSeen = false
  // Unknown until the first hello (the room fetched before joining may not list us yet).
  let lastRole: ReturnType<typeof roleOf> | null = null

  function renderBanner() {
    const rot = room.rotation
    const roles = rolesOf(rot)
    const role = roleOf(rot, meId)
    const st = rot?.status ?? 'idle'
    const d = nameOf(roles.driver)
    const n = roles.navigator ? nameOf(roles.navigator) : null
    let main: string
    if (st === 'break') {
      // During a break the roles shown are those of the turn after it.
      main =
        role === 'driving'
          ? 'You drive after the break.'
          : role === 'navigating'
            ? 'You navigate after the break.'
            : roles.driver
              ? `After the break ${d} drives${n ? `, ${n} navigates` : ''}.`
              : ''
    } else if (role === 'driving') main = n ? `You are driving. Type what ${n} suggests.` : 'You are driving.'
    else if (role === 'navigating') main = `You are navigating. Guide ${d} in words.`
    else if (role === 'next') main = `You are next up. ${d} drives${n ? `, ${n} navigates` : ''}.`
    else main = me ? `You are watching. ${roles.driver ? `${d} drives${n ? `, ${n} navigates` : ''}.` : ''}` : `You are watching${roles.driver ? `: ${d} drives${n ? `, ${n} navigates` : ''}` : ''}.`
    const prefix: Record<string, string> = {
      idle: 'Not started yet.',
      paused: 'Paused.',
      break: 'Break time!',
      waiting: "Time's up!",
      ended: 'The session has ended.',
      running: '',
    }
    const free = room.settings?.mode === 'free' ? ' (free mode: everyone may type)' : ''
    banner.dataset.role = role
    banner.dataset.status = st
    replace(
      banner,
      h('span', { class: 'role-pill', 'aria-hidden': 'true' }, role === 'next' ? 'next up' : role),
      h('span', { class: 'role-text', testid: 'role-text' }, prefix[st] ? `${prefix[st]} ` : '', main, free),
    )
  }

  function renderEditability() {
    const editable = canEdit(room, meId) && syncSynced
    for (const n of TEXT_NAMES) editors[n].setReadOnly(!editable)
    editorsBox.dataset.readonly = String(!editable)
    let why = ''
    if (!editable) {
      if (!me) why = 'Read-only: you are watching'
      else if (!syncSynced) why = 'Read-only until synced'
      else if (room.rotation?.status === 'break') why = 'Read-only during the break'
      else if (room.rotation?.status === 'ended') why = 'Read-only: the session has ended'
      else why = `Read-only: ${nameOf(rolesOf(room.rotation).driver)} drives`
    }
    readOnlyNote.textContent = why
    readOnlyNote.title = why
    readOnlyNote.hidden = !why
    followLabel.hidden = roleOf(room.rotation, meId) === 'driving'
  }

  function renderRoom() {
    renderBanner()
    countdown.set(room.rotation, room.settings)
    renderRoster(roster, room, { me: meId, act: facToken ? (a) => void act(a) : undefined })
    panel?.update(room)
    renderEditability()
    renderRuns()
    updatePresence()
  }

  function applyRoom(next: Room) {
    room = next
    clock.observe(next.server_time_ms ?? next.rotation?.server_time_ms)
    afterRotationChange()
  }

  function applyRotation(rot: Rotation) {
    room = { ...room, rotation: rot }
    clock.observe(rot.server_time_ms)
    afterRotationChange()
  }

  function afterRotationChange() {
    renderRoom()
    const role = roleOf(room.rotation, meId)
    if (lastRole === null) {
      if (helloSeen) lastRole = role
    } else if (role !== lastRole) {
      if (role === 'driving') toast('You are driving now.', 'success')
      else if (role === 'navigating') toast('You are navigating now.', 'info')
      else if (role === 'next') toast('You are next up.', 'info')
      lastRole = role
    }
  }

  // ---- sync -------------------------------------------------------------------
  let syncStatus: SyncStatus = 'connecting'
  let connTimer: ReturnType<typeof setInterval> | null = null
  let syncSynced = false
  let syncDetail = ''
  let eventsState: EventsState = { kind: 'connecting', attempt: 0 }
  let awarenessOff: (() => void) | null = null

  const user = me ? { id: me.participant_id, name: me.name, ...colourFor(me.participant_id) } : null
  const syncMgr = new SyncManager({
    roomId,
    token: me?.token ?? null,
    user,
    onSession: (s: SyncSession) => {
      for (const n of TEXT_NAMES) editors[n].bind(s.texts[n], s.awareness)
      awarenessOff?.()
      const onChange = () => updatePresence()
      s.awareness.on('change', onChange)
      awarenessOff = () => s.awareness.off('change', onChange)
    },
    onStatus: (status, synced, detail) => {
      syncStatus = status
      syncSynced = synced
      syncDetail = detail
      renderConnection()
      renderEditability()
    },
  })

  /** Which file each remote user's cursor is in; follow the driver if asked. */
  function updatePresence() {
    const s = syncMgr.session
    const byTab: Record<TextName, { name: string; color: string; id?: string }[]> = { solution: [], tests: [] }
    const driver = rolesOf(room.rotation).driver
    let driverTab: TextName | null = null
    s.awareness.getStates().forEach((state: Record<string, any>, clientId: number) => {
      if (clientId === s.doc.clientID) return
      const anchor = state?.cursor?.anchor
      if (!anchor || !state.user) return
      let abs: Y.AbsolutePosition | null = null
      try {
        abs = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(anchor), s.doc)
      } catch {
        abs = null
      }
      if (!abs) return
      const tab = TEXT_NAMES.find((n) => s.texts[n] === abs!.type)
      if (!tab) return
      byTab[tab].push({ name: String(state.user.name ?? '?'), color: String(state.user.color ?? '#888'), id: state.user.id })
      if (driver && state.user.id === driver) driverTab = tab
    })
    for (const n of TEXT_NAMES) {
      replace(
        tabPresence[n],
        byTab[n].map((u) => h('span', { class: 'presence-dot', style: { backgroundColor: u.color }, title: `${u.name} is here` }, h('span', { class: 'visually-hidden' }, `${u.name} is here`))),
      )
    }
    if (driverTab && driver !== meId && followToggle.checked && driverTab !== activeTab) selectTab(driverTab, false)
  }

  // ---- events -----------------------------------------------------------------
  const onEvent = (ev: ServerEvent) => {
    switch (ev.type) {
      case 'hello':
        helloSeen = true
        if (me && !ev.you) {
          // Our stored token is not known to the server (e.g. the server was reset).
          store.setIdentity(roomId, null)
          toast('Your place in this room was lost; please join again.', 'error')
          setTimeout(() => location.reload(), 1500)
          return
        }
        applyRoom(ev.room)
        break
      case 'room':
        applyRoom(ev.room)
        break
      case 'rotation':
        applyRotation(ev.rotation)
        if (ev.reason === 'green') toast('Green! Rotating.', 'success')
        break
      case 'warning':
        countdownEl.classList.add('flash')
        setTimeout(() => countdownEl.classList.remove('flash'), 3000)
        toast(`${Math.round(ev.remaining_ms / 1000)} seconds left in this turn.`)
        break
      case 'time_up': {
        applyRotation(ev.rotation)
        const r = rolesOf(ev.rotation)
        const body =
          ev.rotation.status === 'waiting'
            ? room.settings.time_up === 'on_green'
              ? 'Rotating at the next green test run.'
              : 'Waiting for the facilitator.'
            : ev.rotation.status === 'break'
              ? `Break time! Then ${nameOf(r.driver)} drives.`
              : `${nameOf(r.driver)} drives now${r.navigator ? `, ${nameOf(r.navigator)} navigates` : ''}.`
        alertTimeUp("Time's up!", body)
        toast(`Time's up! ${body}`, 'info')
        break
      }
      case 'run_queued':
        upsertRun(ev.run)
        if (typeof ev.queue_position === 'number') queuePositions.set(ev.run.id, ev.queue_position)
        if (me && ev.run.requested_by === me.participant_id && !myRunId) myRunId = ev.run.id
        renderRuns()
        break
      case 'run_started':
        upsertRun(ev.run)
        renderRuns()
        break
      case 'run_finished':
        upsertRun(ev.run)
        if (selectedRunId === null || selectedRunId === ev.run.id) selectedRunId = null
        renderRuns()
        if (ev.run.kind === 'submit' && ev.run.verdict === 'passed') toast('Submission passed! Kata solved.', 'success')
        break
      case 'edit_refused': {
        // Some servers send this to every socket with the refused participant's id;
        // reset only when the refusal was ours.
        if (!me) break
        const who = ev.participant
        const ours = who ? who === me.participant_id : !canEdit(room, meId)
        if (!ours) break
        toast(`Edit refused: ${ev.reason}. Reloading the code from the server.`, 'error')
        syncMgr.reset()
        break
      }
      case 'pong':
        clock.observe(ev.server_time_ms)
        break
      case 'error':
        toast(ev.message, 'error')
        break
    }
  }

  const events = new EventsSocket({
    roomId,
    token: me?.token ?? null,
    onEvent,
    onState: (s) => {
      eventsState = s
      renderConnection()
      if (s.kind === 'waiting' && s.attempt === 3) void checkRoomStillExists()
    },
    onReconnect: () => void loadRuns(),
  })

  /** After repeated failures: a room that is gone gets the "not found" page. */
  async function checkRoomStillExists() {
    try {
      await api.room(roomId)
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        events.close()
        syncMgr.destroy()
        renderUnknownRoom(app, roomId)
      }
    }
  }

  // ---- connection indicator ------------------------------------------------------
  function renderConnection() {
    const syncOk = syncStatus === 'connected'
    const evOk = eventsState.kind === 'open'
    connection.dataset.sync = syncStatus
    connection.dataset.synced = String(syncSynced)
    connection.dataset.events = eventsState.kind
    connection.dataset.state = syncOk && evOk ? 'online' : 'degraded'
    const evText =
      eventsState.kind === 'open'
        ? 'live'
        : eventsState.kind === 'waiting'
          ? `retry in ${Math.max(0, Math.ceil((eventsState.retryAt - Date.now()) / 1000))}s (attempt ${eventsState.attempt})`
          : eventsState.kind === 'connecting'
            ? 'connecting…'
            : 'closed'
    replace(
      connection,
      h('span', { class: `dot ${syncOk && evOk ? 'ok' : 'bad'}`, 'aria-hidden': 'true' }),
      h('span', { testid: 'connection-sync', dataset: { status: syncStatus } }, `Code: ${syncStatus === 'connected' ? (syncSynced ? 'synced' : 'syncing…') : syncStatus}${syncDetail ? ` (${syncDetail})` : ''}`),
      ' · ',
      h('span', { testid: 'connection-events', dataset: { status: eventsState.kind } }, `Events: ${evText}`),
      eventsState.kind === 'waiting'
        ? h('button', { type: 'button', class: 'small link', testid: 'reconnect-now', onclick: () => events.retryNow() }, 'Retry now')
        : null,
    )
    if (eventsState.kind === 'waiting' && !connTimer) connTimer = setInterval(renderConnection, 1000)
    if (eventsState.kind !== 'waiting' && connTimer) {
      clearInterval(connTimer)
      connTimer = null
    }
  }

  // ---- keyboard ---------------------------------------------------------------
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.defaultPrevented) {
      // The editors handle this themselves; this catches it everywhere else.
      if ((e.target as HTMLElement | null)?.closest?.('.cm-editor')) return
      e.preventDefault()
      void requestRun('test')
    }
  })
  window.addEventListener('online', () => syncMgr.reconnect())
  window.addEventListener('pagehide', (e) => {
    if (e.persisted) return
    events.close()
    syncMgr.destroy()
  })

  renderConnection()
  renderRoom()
  void loadRuns()

  // For debugging and browser tests.
  ;(window as unknown as Record<string, unknown>).randori = { room: () => room, runs, sync: syncMgr, events }
}
