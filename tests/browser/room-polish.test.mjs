// Browser tests of the pair room's signals and safety: remote carets never get into
// the code (select-all + insertText, the input-method path), awareness names and
// colours are shown safely, the connection line goes "offline" when the browser does,
// repeated toasts collapse and stay off the results, a navigator's keys get one
// "Ada has the keyboard" notice, the time-up warning says the time left, an amber run
// marks its line in the editor, statement tables keep cells on one line, and the
// countdown stays on a phone's screen, and a driver's offline edit made after her turn
// is kept for the next driver to apply.
//
//   cd tests && node --test --test-concurrency=1 browser/room-polish.test.mjs
//
// Setup (server, Chromium, rooms made through the API): helpers.mjs.

import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { RUN_TIMEOUT, SYNC_TIMEOUT, api, docText, openPage, replaceContent, roomWith, serverText, setup, shot, start, tid, until, waitEditable, waitOnline } from './helpers.mjs'

let env = null

before(async () => {
  env = await setup()
})

after(async () => {
  await env?.stop()
})

/** Ada drives, Bob navigates: both pages open and live. */
async function pair(settings = {}) {
  const room = await roomWith(env.base, ['Ada', 'Bob'], settings)
  await start(env.base, room)
  const ada = await openPage(env, room, room.people.Ada)
  const bob = await openPage(env, room, room.people.Bob)
  await waitOnline(ada)
  await waitOnline(bob)
  await waitEditable(ada)
  return { room, ada, bob, close: () => Promise.all([ada.context().close(), bob.context().close()]) }
}

// Remote carets as any client draws them: ours (remote-cursors.ts) or y-codemirror.next's.
const ANY_CARET = '.cm-remoteCaret, .cm-ySelectionCaret'

test('a remote caret never gets into the code: select-all then insertText replaces exactly', { timeout: 90_000 }, async () => {
  const { room, ada, bob, close } = await pair()
  // Bob points at the code: a click puts his caret (in awareness) on line 2.
  await bob.click(`${tid('editor-solution')} .cm-line >> nth=1`, { force: true })
  await ada.waitForSelector(`${tid('editor-solution')} :is(${ANY_CARET})`, { timeout: SYNC_TIMEOUT })

  // Nothing of the caret is in the editable content, where CodeMirror's DOM observer
  // reads text back from (y-codemirror.next's widget put "\u2060" and the name there).
  const inContent = await ada.$eval(`${tid('editor-solution')} .cm-content`, (el, any) => ({ text: el.textContent, carets: el.querySelectorAll(any).length }), ANY_CARET)
  assert.equal(inContent.carets, 0)
  assert.ok(!inContent.text.includes('\u2060') && !inContent.text.includes('Bob'), JSON.stringify(inContent.text))

  // Select all, then text through the input-method path (IMEs, dictation).
  const text = 'def fizzbuzz(n):\n    return str(n)\n'
  await ada.click(`${tid('editor-solution')} .cm-content`)
  await ada.keyboard.press('Control+A')
  await ada.keyboard.insertText(text)
  await until('Bob to get the text', async () => (await docText(bob)) === text).catch(() => {})
  for (const [who, got] of [
    ['Ada', await docText(ada)],
    ['Bob', await docText(bob)],
    ['the server', await serverText(env.base, room.id)],
  ]) {
    assert.equal(got, text, `${who}'s document`)
    assert.ok(!got.includes('\u2060'), `${who}: no U+2060`)
  }

  // The named caret is still shown, drawn beside the text.
  const caret = `${tid('editor-solution')} .cm-remoteCaret[data-name="Bob"]`
  await ada.waitForSelector(caret, { timeout: SYNC_TIMEOUT })
  assert.equal((await ada.textContent(`${caret} .cm-remoteCaretLabel`)).trim(), 'Bob')
  const box = await ada.locator(`${caret} .cm-remoteCaretLabel`).boundingBox()
  assert.ok(box && box.width > 5 && box.height > 5, `label drawn: ${JSON.stringify(box)}`)

  // A run judges what the server has: it loads (no "non-printable character").
  await ada.click(tid('run-tests'))
  await ada.waitForSelector(`${tid('light-strip')} ${tid('light')}`, { timeout: RUN_TIMEOUT })
  const message = await ada.$$eval(tid('result-message'), (els) => els.map((e) => e.textContent).join('\n'))
  assert.doesNotMatch(message, /U\+2060|non-printable/i)
  await close()
})

test('awareness names are shown as text and colours only when #rrggbb', { timeout: 60_000 }, async (t) => {
  const room = await roomWith(env.base, ['Ada', 'Eve'])
  await start(env.base, room)
  const ada = await openPage(env, room, room.people.Ada)
  await waitOnline(ada)
  // Eve's own client sends what it likes.
  const doc = new Y.Doc()
  const eve = new WebsocketProvider(`${env.base.replace(/^http/, 'ws')}/rooms/${room.id}`, 'sync', doc, { params: { token: room.people.Eve.token }, WebSocketPolyfill: WebSocket, disableBc: true })
  try {
    await until('Eve synced', () => eve.synced)
    // Markup within the 40 characters a name may have (a longer one is refused).
    const name = '<img src=x onerror=window.__pwned=1>Eve'
    eve.awareness.setLocalStateField('user', { id: room.people.Eve.participant_id, name, color: '#1a7f37' })
    const pos = Y.createRelativePositionFromTypeIndex(doc.getText('solution'), 2)
    eve.awareness.setLocalStateField('cursor', { anchor: pos, head: pos })
    const caret = `${tid('editor-solution')} :is(${ANY_CARET})`
    const look = () =>
      ada.$eval(caret, (el) => ({
        label: el.querySelector('.cm-remoteCaretLabel, .cm-ySelectionInfo')?.textContent,
        colour: getComputedStyle(el).borderLeftColor,
        imgs: document.querySelectorAll('.cm-editor img, .tabs img').length,
      }))
    await ada.waitForSelector(caret, { timeout: SYNC_TIMEOUT })
    const seen = await look()
    assert.equal(seen.label, name, 'the name, literally, as text')
    assert.equal(seen.imgs, 0, 'no markup from the name')
    assert.equal(seen.colour, 'rgb(26, 127, 55)')
    assert.equal(await ada.evaluate(() => window.__pwned), undefined)

    // A colour that is not #rrggbb never reaches a style: the server refuses the
    // state and closes Eve's connection (her caret goes), or, from a server that
    // relays it, the client replaces it (the caret gets the fallback).
    eve.awareness.setLocalStateField('user', { id: room.people.Eve.participant_id, name: 'Eve', color: 'red; background-image: url(//example.invalid/x)' })
    await ada.waitForTimeout(1500)
    const allowed = ['rgb(26, 127, 55)', 'rgb(110, 119, 129)']
    const carets = await ada.$$eval(caret, (els) => els.map((el) => getComputedStyle(el).borderLeftColor))
    if (carets.length === 0) t.diagnostic('the server refused the bad colour and closed the connection')
    for (const colour of carets) assert.ok(allowed.includes(colour), `caret colour ${colour}`)
    const dots = await ada.$$eval(`${tid('tab-presence-solution')} .presence-dot`, (els) => els.map((el) => getComputedStyle(el).backgroundColor))
    for (const dot of dots) assert.ok(allowed.includes(dot), `dot colour ${dot}`)
    const styled = await ada.$$eval('[style]', (els) => els.filter((el) => el.getAttribute('style').includes('example.invalid')).length)
    assert.equal(styled, 0, 'the bad colour is in no style attribute')
  } finally {
    eve.destroy()
    doc.destroy()
    await ada.context().close()
  }
})

test('the connection line says offline within seconds, and live again after', { timeout: 60_000 }, async () => {
  const { ada, close } = await pair()
  assert.equal(await ada.textContent(tid('connection-sync')), 'Code: synced')
  await ada.context().setOffline(true)
  const t0 = Date.now()
  await ada.waitForSelector(`${tid('connection')}[data-state="offline"]`, { timeout: 5_000 })
  assert.ok(Date.now() - t0 < 5_000)
  assert.match(await ada.textContent(tid('connection-sync')), /offline/)
  assert.doesNotMatch(await ada.textContent(tid('connection')), /synced/)
  await ada.context().setOffline(false)
  await waitOnline(ada, 20_000)
  await close()
})

test('repeated toasts collapse into one with a count, away from the results', { timeout: 60_000 }, async () => {
  const room = await roomWith(env.base, ['Ada'])
  const watcher = await openPage(env, room, null)
  await waitOnline(watcher)
  // A watcher's Ctrl+Enter is refused with a toast, each time.
  for (let i = 0; i < 4; i++) await watcher.keyboard.press('Control+Enter')
  await watcher.click(tid('copy-join-link'))
  await watcher.waitForSelector(`${tid('toast')}[data-count="4"]`, { timeout: 5_000 })
  const toasts = await watcher.$$eval(tid('toast'), (els) => els.map((e) => ({ text: e.textContent, count: e.dataset.count, box: e.getBoundingClientRect().toJSON() })))
  assert.ok(toasts.length <= 2, `at most two toasts: ${JSON.stringify(toasts)}`)
  const refused = toasts.filter((x) => x.text.startsWith('Join the room to run tests.'))
  assert.equal(refused.length, 1, JSON.stringify(toasts))
  assert.match(refused[0].text, /×4$/)
  const results = await watcher.$eval(tid('results'), (e) => e.getBoundingClientRect().toJSON())
  for (const x of toasts) {
    const overlap = x.box.left < results.right && x.box.right > results.left && x.box.top < results.bottom && x.box.bottom > results.top
    assert.ok(!overlap, `toast ${JSON.stringify(x.box)} over the results ${JSON.stringify(results)}`)
  }
  await shot(watcher, 'room-toasts.png')
  await watcher.context().close()
})

test('a navigator typing in the read-only editor gets one brief "Ada has the keyboard"', { timeout: 60_000 }, async () => {
  const { ada, bob, close } = await pair()
  const before = await docText(ada)
  assert.equal(await bob.isVisible(tid('keyboard-notice')), false)
  await bob.click(`${tid('editor-solution')} .cm-content`, { force: true })
  await bob.keyboard.type('zzzz')
  await bob.waitForSelector(tid('keyboard-notice'), { state: 'visible', timeout: 2_000 })
  assert.equal(await bob.textContent(tid('keyboard-notice')), 'Ada has the keyboard')
  assert.equal((await bob.$$(tid('keyboard-notice'))).length, 1, 'one notice, not one per key')
  assert.equal((await bob.$$(tid('toast'))).length, 0, 'and no toasts')
  await shot(bob, 'room-keyboard-notice.png')
  // It is brief; and nothing was typed.
  await bob.waitForSelector(tid('keyboard-notice'), { state: 'hidden', timeout: 5_000 })
  assert.equal(await docText(ada), before)
  assert.equal(await docText(bob), before)
  await close()
})

test('the time-up warning says the time really left', { timeout: 60_000 }, async () => {
  // A 10-second turn: the warning (60 s by default) comes at once, clamped below the turn.
  const room = await roomWith(env.base, ['Ada'], { turn_seconds: 10 })
  const ada = await openPage(env, room, room.people.Ada)
  await waitOnline(ada)
  await start(env.base, room)
  const toast = await ada.waitForSelector(`${tid('toast')}:has-text("left in this turn")`, { timeout: 15_000 })
  const remaining = Number(await ada.$eval(tid('countdown'), (e) => e.dataset.remainingMs))
  const text = await toast.textContent()
  const m = text.match(/^(\d+) seconds? left in this turn\./)
  assert.ok(m, text)
  assert.ok(Number(m[1]) <= 10, text)
  assert.ok(Math.abs(Number(m[1]) - remaining / 1000) <= 2, `${text} vs the countdown's ${remaining} ms`)
  await ada.context().close()
})

/** The line numbers (1-based) with an error diagnostic in an editor. */
function lintedLines(page, which) {
  return page.$$eval(`${tid(`editor-${which}`)} .cm-line`, (lines) =>
    lines.flatMap((line, i) => (line.querySelector('.cm-lintRange-error') ? [i + 1] : [])),
  )
}

test('an amber run marks the error at its line, in the right file', { timeout: 2 * 60_000 }, async () => {
  const { ada, bob, close } = await pair()
  await replaceContent(ada, 'solution', 'import math\n\ndef fizzbuzz(n)\n  return 1\n')
  await ada.click(tid('run-tests'))
  await ada.waitForSelector(`${tid('light-strip')} ${tid('light')}[data-light="amber"]`, { timeout: RUN_TIMEOUT })
  await ada.click(tid('tab-solution'))
  await until('a diagnostic on line 3', async () => (await lintedLines(ada, 'solution')).includes(3))
  assert.deepEqual(await lintedLines(ada, 'solution'), [3])
  assert.equal(await ada.$$eval(`${tid('editor-solution')} .cm-lint-marker-error`, (els) => els.length), 1, 'one gutter marker')
  assert.deepEqual(await lintedLines(ada, 'tests'), [], 'nothing in the tests file')
  // The navigator sees it too.
  await bob.click(tid('tab-solution'))
  await until('Bob sees it', async () => (await lintedLines(bob, 'solution')).includes(3))
  await shot(ada, 'room-amber-diagnostic.png')

  // A syntax error in the tests file is marked there, and the solution's mark goes.
  await replaceContent(ada, 'solution', 'def fizzbuzz(n):\n    return str(n)\n')
  await replaceContent(ada, 'tests', 'from solution import fizzbuzz\n\ndef test_one(:\n    assert fizzbuzz(1) == "1"\n')
  await ada.click(tid('run-tests'))
  await until('a second light', async () => (await ada.$$(`${tid('light-strip')} ${tid('light')}`)).length >= 2, RUN_TIMEOUT)
  await ada.click(tid('tab-tests'))
  await until('a diagnostic on tests line 3', async () => (await lintedLines(ada, 'tests')).includes(3))
  await ada.click(tid('tab-solution'))
  assert.deepEqual(await lintedLines(ada, 'solution'), [])
  await close()
})

test('statement tables keep each cell on one line', { timeout: 60_000 }, async () => {
  const room = await roomWith(env.base, ['Ada'], { kata: 'leap-years' })
  const ada = await openPage(env, room, room.people.Ada)
  await ada.waitForSelector(`${tid('kata-statement')} table td`, { timeout: SYNC_TIMEOUT })
  const cells = await ada.$$eval(`${tid('statement')} td, ${tid('statement')} th`, (els) =>
    els.map((td) => {
      // Line boxes of the cell's text (a <code> box sits a little off its line: a
      // new line is a top more than half a line below the last).
      const half = parseFloat(getComputedStyle(td).fontSize) / 2
      const tops = []
      const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT)
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const r = document.createRange()
        r.selectNodeContents(n)
        for (const rect of r.getClientRects()) if (rect.width > 0) tops.push(rect.top)
      }
      tops.sort((a, b) => a - b)
      const lines = tops.filter((t, i) => i === 0 || t - tops[i - 1] > half).length
      return { text: td.textContent, lines }
    }),
  )
  assert.ok(cells.length > 4, 'tables to look at')
  const broken = cells.filter((c) => c.lines > 1)
  assert.deepEqual(broken, [], 'cells broken over lines')
  // The table scrolls in its own box rather than widening the pane.
  const pane = await ada.$eval('#statement-pane', (e) => ({ scroll: e.scrollWidth, client: e.clientWidth }))
  assert.ok(pane.scroll <= pane.client + 1, JSON.stringify(pane))
  await ada.context().close()
})

test('on a phone the countdown is on the screen', { timeout: 60_000 }, async () => {
  const room = await roomWith(env.base, ['Ada', 'Bob'])
  await start(env.base, room)
  const phone = await openPage(env, room, room.people.Bob, { viewport: { width: 390, height: 844 } })
  await phone.waitForSelector(`${tid('role-banner')}[data-role="navigating"]`, { timeout: SYNC_TIMEOUT })
  const box = await phone.locator(tid('countdown')).boundingBox()
  assert.ok(box, 'a countdown')
  assert.ok(box.x >= 0 && box.x + box.width <= 390 && box.y >= 0 && box.y + box.height <= 844, `countdown at ${JSON.stringify(box)}`)
  const page = await phone.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }))
  assert.ok(page.scroll <= page.client + 1, `no sideways scrolling: ${JSON.stringify(page)}`)
  await shot(phone, 'room-phone.png')
  await phone.context().close()
})

test('an offline edit made after the turn moved on is kept, and the new driver applies it', { timeout: 90_000 }, async () => {
  const room = await roomWith(env.base, ['Ada', 'Bob'])
  await start(env.base, room)
  const bob = await openPage(env, room, room.people.Bob)
  await waitOnline(bob)
  // Ada's own client (a stock Yjs one): online, then offline while she types a line.
  const doc = new Y.Doc()
  const url = `${env.base.replace(/^http/, 'ws')}/rooms/${room.id}`
  const ada = new WebsocketProvider(url, 'sync', doc, { params: { token: room.people.Ada.token }, WebSocketPolyfill: WebSocket, disableBc: true })
  try {
    await until('Ada synced', () => ada.synced)
    const solution = doc.getText('solution')
    ada.disconnect()
    solution.insert(solution.length, '# written offline by Ada\n')
    await api(env.base, 'POST', `/api/rooms/${room.id}/rotation`, { action: 'next' }, room.facToken)
    await waitEditable(bob)
    ada.connect()
    // Bob, now driving, is offered it: whose, and how big; nothing applied yet.
    await bob.waitForSelector(tid('proposal'), { timeout: SYNC_TIMEOUT })
    assert.equal(await bob.textContent(tid('proposal-text')), "Ada's offline edit, 1 line")
    assert.doesNotMatch(await docText(bob), /written offline/)
    await shot(bob, 'room-proposal.png')
    await bob.click(tid('proposal-apply'))
    await until('the edit is in Bob\'s editor', async () => (await docText(bob)).includes('# written offline by Ada'))
    await until('and on the server', async () => (await serverText(env.base, room.id)).includes('# written offline by Ada'))
    await bob.waitForSelector(tid('proposals'), { state: 'hidden', timeout: SYNC_TIMEOUT })
  } finally {
    ada.destroy()
    doc.destroy()
    await bob.context().close()
  }
})
