// Shared setup of the browser tests that open rooms through the API instead of the
// lobby (room-polish.test.mjs, projector.test.mjs): the server and Chromium, rooms and
// participants made by HTTP, pages that open already joined, the document as each
// browser and the server hold it.
//
// Like room.test.mjs: a real `randori serve` (RANDORI_BIN, else target/debug/randori,
// serving web/dist) unless RANDORI_URL names one; the system Chromium (CHROMIUM, else
// /usr/bin/chromium) through playwright-core, never a downloaded browser.

import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'

const here = dirname(fileURLToPath(import.meta.url))
export const ARTIFACTS = join(here, 'artifacts')
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
export const SYNC_TIMEOUT = 15_000
export const RUN_TIMEOUT = 90_000

export const tid = (id) => `[data-testid="${id}"]`

/** Start (or reach) the server and the browser; `stop()` undoes what was started. */
export async function setup() {
  let base = process.env.RANDORI_URL?.replace(/\/+$/, '') ?? null
  let server = null
  if (!base) {
    const { startServer } = await import('../server.mjs')
    server = await startServer()
    base = server.url
  }
  mkdirSync(ARTIFACTS, { recursive: true })
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true })
  return {
    base,
    browser,
    async stop() {
      await browser.close()
      await server?.stop()
    },
  }
}

export async function api(base, method, path, body, token) {
  const headers = { 'Content-Type': 'application/json' }
  if (token) headers.Authorization = `Bearer ${token}`
  const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  const text = await res.text()
  let data = null
  try {
    data = text ? JSON.parse(text) : null
  } catch {
    data = text
  }
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`)
  return data
}

/**
 * A room with participants joined through the API, in order (the first drives once
 * started): `{ id, facToken, people: { Ada: {participant_id, token, name}, … } }`.
 * Time-up waits for the facilitator, so nothing rotates on its own.
 */
export async function roomWith(base, names, settings = {}) {
  const created = await api(base, 'POST', '/api/rooms', { kata: 'fizzbuzz', turn_seconds: 600, time_up: 'facilitator', ...settings })
  const people = {}
  for (const name of names) {
    const joined = await api(base, 'POST', `/api/rooms/${created.id}/join`, { name })
    people[name] = { participant_id: joined.participant_id, token: joined.token, name }
  }
  return { id: created.id, facToken: created.facilitator_token, people }
}

export const start = (base, room) => api(base, 'POST', `/api/rooms/${room.id}/rotation`, { action: 'start' }, room.facToken)

/**
 * A new browser context (its own localStorage: one person) on `path` of the room, as
 * `who` (an identity from roomWith, stored before the page loads), or watching (null).
 */
export async function openPage(env, room, who, { path = '', viewport = { width: 1366, height: 768 }, label = who?.name ?? 'watcher', storage = {} } = {}) {
  const context = await env.browser.newContext({ viewport })
  const entries = { ...storage }
  if (who) entries[`randori.room.${room.id}`] = JSON.stringify(who)
  else entries[`randori.watch.${room.id}`] = '1'
  await context.addInitScript((items) => {
    // Once per context: a reload must keep what the page itself stored since.
    if (sessionStorage.getItem('randori.test.seeded')) return
    sessionStorage.setItem('randori.test.seeded', '1')
    for (const [k, v] of Object.entries(items)) {
      if (k.startsWith('randori.watch.')) sessionStorage.setItem(k, v)
      else localStorage.setItem(k, v)
    }
  }, entries)
  const page = await context.newPage()
  page.on('pageerror', (e) => console.error(`[${label}] page error:`, e.message))
  page.on('console', (m) => {
    if (m.type() === 'error' && !/WebSocket|ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(m.text())) console.error(`[${label}] console:`, m.text())
  })
  await page.goto(`${env.base}/r/${room.id}${path}`)
  return page
}

/** Wait until the room page is live (both sockets up, the document synced). */
export async function waitOnline(page, timeout = SYNC_TIMEOUT) {
  await page.waitForSelector(`${tid('connection')}[data-state="online"]`, { timeout })
}

export async function waitEditable(page, which = 'solution', timeout = SYNC_TIMEOUT) {
  await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('contenteditable') === 'true', `${tid(`editor-${which}`)} .cm-content`, { timeout })
}

/** The shared text as this browser's Yjs document holds it (not the DOM). */
export function docText(page, which = 'solution') {
  return page.evaluate((w) => window.randori.sync.session.texts[w].toString(), which)
}

/** The shared text as the server has it: a fresh watcher client syncs and reads it. */
export async function serverText(base, roomId, which = 'solution', timeout = SYNC_TIMEOUT) {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`${base.replace(/^http/, 'ws')}/rooms/${roomId}`, 'sync', doc, { WebSocketPolyfill: WebSocket, disableBc: true })
  try {
    const t0 = Date.now()
    while (!provider.synced) {
      if (Date.now() - t0 > timeout) throw new Error('the server document did not sync')
      await new Promise((r) => setTimeout(r, 20))
    }
    return doc.getText(which).toString()
  } finally {
    provider.destroy()
    doc.destroy()
  }
}

/** Replace a file's content as the driver does: select all, then text through the input path. */
export async function replaceContent(page, which, text) {
  await page.click(tid(`tab-${which}`))
  await page.click(`${tid(`editor-${which}`)} .cm-content`)
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.press('Delete')
  // insertText: CodeMirror's auto-indent and bracket closing would otherwise change it.
  await page.keyboard.insertText(text)
}

/** Line numbers whose gutter cell is inside the editor's visible scroll area. */
export function visibleLines(page, testid) {
  return page.evaluate((sel) => {
    const scroller = document.querySelector(`${sel} .cm-scroller`)
    if (!scroller) return []
    const box = scroller.getBoundingClientRect()
    return [...scroller.querySelectorAll('.cm-lineNumbers .cm-gutterElement')]
      .filter((el) => {
        const r = el.getBoundingClientRect()
        return r.height > 0 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1
      })
      .map((el) => Number(el.textContent))
      .filter((n) => n > 0)
  }, tid(testid))
}

export async function shot(page, file) {
  await page.screenshot({ path: join(ARTIFACTS, file), fullPage: false })
  return join(ARTIFACTS, file)
}

/** Emoji / pictographs in the page's visible text (none may be: no emoji font on a projector PC). */
export function pictographs(page) {
  return page.evaluate(() => [...document.body.innerText.matchAll(/\p{Extended_Pictographic}/gu)].map((m) => `${m[0]} U+${m[0].codePointAt(0).toString(16)}`))
}

export async function until(what, pred, timeout = SYNC_TIMEOUT) {
  const t0 = Date.now()
  for (;;) {
    const v = await pred()
    if (v) return v
    if (Date.now() - t0 > timeout) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}
