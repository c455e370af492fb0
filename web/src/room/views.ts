// The room page's components, each connected to the slice of RoomState it shows, and
// the layout they sit in. render(state) is the page's one render path.

import type { Room, RotationAction, Run, RunKind } from '../api'
import { createZoomControl } from '../zoom-control'
import { h } from '../dom'
import { createFacilitatorPanel } from '../facilitator'
import { roomLanguage } from '../languages'
import { createRoster } from '../roster'
import { store as storage } from '../storage'
import { connect, type View } from '../view'
import type { RoomContext } from './context'
import { bannerView } from './model/banner'
import { editability } from './model/editability'
import { followMode, followTarget } from './model/follow'
import { keyboardNotice } from './model/keyboard'
import { proposalRows } from './model/proposals'
import { runStatusView } from './model/run-status'
import { latestDone, shownRun } from './model/runs'
import type { RoomState } from './model/state'
import { createBanner } from './ui/banner'
import { createConnection } from './ui/connection'
import { createCountdown } from './ui/countdown'
import { createFollowToggle, createKeyboardNotice, createReadOnlyNote } from './ui/edit-status'
import { createEditors, type EditorsView } from './ui/editors'
import { roomHeader } from './ui/header'
import { createLightStrip, createResults } from './ui/lights'
import { createProposals } from './ui/proposals'
import { createRunBar } from './ui/run-bar'
import { createStatementPane, createStatementToggle } from './ui/statement'
import { createTabs } from './ui/tabs'

export interface RoomCallbacks {
  run(kind: RunKind): void
  /** Apply or discard a kept offline edit. */
  decideProposal(id: string, decision: 'apply' | 'discard'): void
  retryEvents(): void
  /** Present for the facilitator. */
  act?: (action: RotationAction) => Promise<void>
}

export interface RoomViews {
  /** The page's top-level elements, in order. */
  elements: HTMLElement[]
  /** The statement pane's body, for loadStatement(). */
  statement: HTMLElement
  editors: EditorsView
  render(state: RoomState): void
}

/** A part of the page: its element and the connected views inside it. */
interface Part {
  el: HTMLElement
  views: View<RoomState>[]
}

/** The middle column: toolbar, editors, run bar, results. */
function workPane(ctx: RoomContext, cb: RoomCallbacks, editors: EditorsView, results: View<RoomState>): Part {
  const dispatch = ctx.store.dispatch
  const toggle = connect(createStatementToggle((hidden) => dispatch({ type: 'statement-hidden', hidden })), (s: RoomState) => ({ hidden: s.statementHidden }))
  const tabs = connect(createTabs((tab) => dispatch({ type: 'tab', tab })), (s: RoomState) => ({
    activeTab: s.activeTab,
    presence: s.presence,
    language: roomLanguage(s.room.language),
  }))
  const note = connect(createReadOnlyNote(), (s: RoomState) => ({ why: editability(s).why }))
  const follow = connect(
    createFollowToggle({
      set: (on) => {
        storage.setPrefs({ followDriver: on })
        dispatch({ type: 'follow', on })
      },
      resume: () => dispatch({ type: 'follow-resume' }),
    }),
    (s: RoomState) => ({ mode: followMode(s), hidden: editability(s).followHidden }),
  )
  const zoom = connect(
    createZoomControl((z) => {
      storage.setZoom('room', z)
      dispatch({ type: 'zoom', zoom: z })
    }),
    (s: RoomState) => ({ zoom: s.zoom }),
  )
  const editorsView = connect(editors, (s: RoomState) => {
    const target = followTarget(s)
    return {
      activeTab: s.activeTab,
      editable: editability(s).editable,
      statementHidden: s.statementHidden,
      zoom: s.zoom,
      followTab: target?.tab ?? null,
      followAnchor: target?.anchor ?? 0,
      followHead: target?.head ?? 0,
      latestRun: latestDone(s.runs),
    }
  })
  const notice = connect(createKeyboardNotice(), (s: RoomState) => ({ text: keyboardNotice(s), count: s.refusedKeys }))
  editors.el.appendChild(notice.el)
  const proposals = connect(createProposals({ decide: cb.decideProposal }), (s: RoomState) => ({ rows: proposalRows(s, ctx.facToken !== null) }))
  const runBar = connect(createRunBar(cb.run, ctx.me !== null), runStatusView)
  const el = h(
    'section',
    { class: 'pane work-pane', 'aria-label': 'Code' },
    h('div', { class: 'editor-toolbar' }, toggle.el, tabs.el, note.el, follow.el, zoom.el),
    proposals.el,
    editors.el,
    runBar.el,
    results.el,
  )
  return { el, views: [toggle, tabs, note, follow, zoom, proposals, editorsView, notice, runBar, results] }
}

function facilitatorPanel(ctx: RoomContext, act: RoomCallbacks['act']): View<RoomState> | null {
  if (!ctx.facToken || !act) return null
  const panel = createFacilitatorPanel(ctx.roomId, ctx.facToken, act)
  let busy = false
  const update = (p: { room: Room; busy: boolean }) => {
    panel.update(p.room)
    // The panel marks itself aria-busy only once an action has run, as it always did.
    if (p.busy !== busy) panel.setBusy(p.busy)
    busy = p.busy
  }
  return connect({ el: panel.el, update }, (s: RoomState) => ({ room: s.room, busy: s.facilitatorBusy }))
}

/** The right column: traffic lights, the roster, the facilitator's controls. */
function sidePane(ctx: RoomContext, cb: RoomCallbacks, results: View<RoomState>): Part {
  const onSelect = (run: Run) => {
    ctx.store.dispatch({ type: 'select-run', runId: run.id })
    results.el.focus()
  }
  const selectedId = (s: RoomState) => (s.selectedRunId && s.runs.has(s.selectedRunId) ? s.selectedRunId : null)
  const lights = connect(createLightStrip(onSelect), (s: RoomState) => ({ runs: s.runs, selectedId: selectedId(s), participants: s.room.participants }))
  const act = cb.act
  const roster = connect(createRoster({ me: ctx.store.getState().meId, act: act && ((a) => void act(a)) }), (s: RoomState) => s.room)
  const panel = facilitatorPanel(ctx, act)
  const el = h(
    'aside',
    { class: 'pane side-pane', 'aria-label': 'Session' },
    h('section', { class: 'panel', 'aria-labelledby': 'lights-title' }, h('h2', { id: 'lights-title' }, 'Traffic lights'), lights.el),
    h('section', { class: 'panel', 'aria-labelledby': 'roster-title' }, h('h2', { id: 'roster-title' }, 'Rotation'), roster.el),
    panel?.el ?? null,
  )
  return { el, views: panel ? [lights, roster, panel] : [lights, roster] }
}

/** The top: header with the connection indicator, and the banner + countdown bar. */
function topBars(ctx: RoomContext, cb: RoomCallbacks): Part[] {
  const { room } = ctx.store.getState()
  const connection = connect(createConnection(cb.retryEvents), (s: RoomState) => ({ sync: s.sync, events: s.events, online: s.online }))
  const banner = connect(createBanner(), (s: RoomState) => bannerView(s.room, s.meId))
  const countdown = connect(createCountdown(ctx.clock), (s: RoomState) => ({ rotation: s.room.rotation, settings: s.room.settings, warnings: s.warnings }))
  return [
    { el: roomHeader(ctx.roomId, room.kata_title, roomLanguage(room.language), ctx.me, connection.el), views: [connection] },
    { el: h('section', { class: 'status-bar', 'aria-label': 'Turn' }, banner.el, countdown.el), views: [banner, countdown] },
  ]
}

export function buildRoomViews(ctx: RoomContext, cb: RoomCallbacks): RoomViews {
  const hidden = (s: RoomState) => ({ hidden: s.statementHidden })
  const statement = createStatementPane()
  const dispatch = ctx.store.dispatch
  const editorCallbacks = {
    run: () => cb.run('test'),
    navigated: () => dispatch({ type: 'follow-pause' }),
    refusedKey: () => dispatch({ type: 'key-refused' }),
  }
  const editors = createEditors(editorCallbacks, roomLanguage(ctx.store.getState().room.language))
  const results = connect(createResults(), (s: RoomState) => ({ ...shownRun(s), entry: s.entry, language: roomLanguage(s.room.language), participants: s.room.participants }))
  const work = workPane(ctx, cb, editors, results)
  const side = sidePane(ctx, cb, results)
  const grid = h('main', { id: 'main', class: 'room-grid', testid: 'room' }, statement.el, work.el, side.el)
  const layout = connect({ el: grid, update: (p: { hidden: boolean }) => grid.classList.toggle('no-statement', p.hidden) }, hidden)
  const parts: Part[] = [...topBars(ctx, cb), { el: grid, views: [connect(statement, hidden), layout, ...work.views, ...side.views] }]
  const views = parts.flatMap((p) => p.views)
  return {
    elements: parts.map((p) => p.el),
    statement: statement.body,
    editors,
    render: (state) => views.forEach((v) => v.update(state)),
  }
}
