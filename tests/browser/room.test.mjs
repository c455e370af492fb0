// End-to-end browser test of the web client against a running Randori server.
//
//   cd tests && node --test browser/      (or: make browser-tests)
//
// Starts target/debug/randori (serving web/dist) unless RANDORI_URL names a server.
//
// Uses the system Chromium (/usr/bin/chromium, or $CHROMIUM) through playwright-core;
// never downloads a browser. Screenshots go to tests/browser/artifacts/.

import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { api as sharedApi, tid } from './helpers.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const ARTIFACTS = join(here, 'artifacts')
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
const RUN_TIMEOUT = 90_000 // a judged run, queue included
const SYNC_TIMEOUT = 15_000

const FAILING_SOLUTION = 'def fizzbuzz(n):\n    return str(n)\n'
const PASSING_SOLUTION = [
  'def fizzbuzz(n):',
  '    if n % 15 == 0:',
  '        return "FizzBuzz"',
  '    if n % 3 == 0:',
  '        return "Fizz"',
  '    if n % 5 == 0:',
  '        return "Buzz"',
  '    return str(n)',
  '',
].join('\n')
const TESTS = [
  'from solution import fizzbuzz',
  '',
  '',
  'def test_three_is_fizz():',
  '    assert fizzbuzz(3) == "Fizz"',
  '',
  '',
  'def test_one_is_one():',
  '    assert fizzbuzz(1) == "1"',
  '',
].join('\n')

// RANDORI_URL points the test at a running server; without it the test starts a real
// `randori serve` (target/debug/randori) on an ephemeral port with a fresh data dir.
let base = process.env.RANDORI_URL?.replace(/\/+$/, '') ?? null
let server = null
let browser = null

before(async () => {
  if (!base) {
    const { startServer } = await import('../server.mjs')
    server = await startServer()
    base = server.url
  }
  mkdirSync(ARTIFACTS, { recursive: true })
  // launch() gives every browser a fresh temporary profile; each context below is a
  // separate person with its own localStorage.
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true })
})

after(async () => {
  await browser?.close()
  await server?.stop()
})

const api = (method, path, body, token) => sharedApi(base, method, path, body, token)

async function newPage(name, viewport = { width: 1366, height: 768 }) {
  const context = await browser.newContext({ viewport })
  const page = await context.newPage()
  page.on('pageerror', (e) => console.error(`[${name}] page error:`, e.message))
  page.on('console', (m) => {
    if (m.type() === 'error') console.error(`[${name}] console:`, m.text())
  })
  return page
}

async function shot(page, file) {
  await page.screenshot({ path: join(ARTIFACTS, file), fullPage: false })
}

/**
 * The document text of an editor, as CodeMirror shows it. Remote carets are drawn in a
 * layer beside the content (web/src/remote-cursors.ts), so the lines hold only code.
 */
function readEditor(sel) {
  return [...document.querySelectorAll(`${sel} .cm-content .cm-line`)].map((line) => line.textContent).join('\n')
}

function editorText(page, which) {
  return page.evaluate(`(${readEditor})(${JSON.stringify(tid(`editor-${which}`))})`)
}

async function waitForEditorText(page, which, needle, timeout = SYNC_TIMEOUT) {
  await page.waitForFunction(`(${readEditor})(${JSON.stringify(tid(`editor-${which}`))}).includes(${JSON.stringify(needle)})`, null, { timeout })
}

async function waitForRole(page, role, timeout = SYNC_TIMEOUT) {
  await page.waitForSelector(`${tid('role-banner')}[data-role="${role}"]`, { timeout })
}

async function isEditable(page, which) {
  return page.$eval(`${tid(`editor-${which}`)} .cm-content`, (el) => el.getAttribute('contenteditable') === 'true')
}

/** Replace a file's whole content, as the driver would: select all, then type. */
async function replaceContent(page, which, text) {
  await page.click(tid(`tab-${which}`))
  await page.click(`${tid(`editor-${which}`)} .cm-content`)
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.press('Delete')
  // insertText: CodeMirror's auto-indent and bracket closing would otherwise change it.
  await page.keyboard.insertText(text)
}

async function lights(page) {
  return page.$$eval(`${tid('light-strip')} ${tid('light')}`, (els) =>
    els.map((e) => ({ light: e.dataset.light, kind: e.dataset.kind, text: e.textContent.trim(), icon: e.querySelector('.light-icon svg')?.dataset.icon })),
  )
}

async function waitForLights(page, n, timeout = RUN_TIMEOUT) {
  await page.waitForFunction(([sel, count]) => document.querySelectorAll(sel).length >= count, [`${tid('light-strip')} ${tid('light')}`, n], { timeout })
  return lights(page)
}

async function joinAs(page, roomId, name) {
  await page.goto(`${base}/r/${roomId}`)
  await page.waitForSelector(tid('name-input'))
  await page.fill(tid('name-input'), name)
  await page.click(tid('name-submit'))
  await page.waitForSelector(tid('role-banner'))
  await page.waitForSelector(`${tid('connection')}[data-state="online"]`, { timeout: SYNC_TIMEOUT })
}

test('lobby, room and projector follow a randori session', { timeout: 6 * 60_000 }, async (t) => {
  const ada = await newPage('ada')
  const bob = await newPage('bob')
  const wall = await newPage('projector', { width: 1920, height: 1080 })
  let roomId = null
  let facToken = null

  await t.test('lobby lists katas and creates a room', async () => {
    await ada.goto(base + '/')
    await ada.waitForSelector(`${tid('kata-card')}[data-slug="fizzbuzz"]`)
    const titles = await ada.$$eval(`${tid('kata-card')} h3`, (els) => els.map((e) => e.textContent))
    assert.ok(titles.includes('FizzBuzz'), `catalogue: ${titles.join(', ')}`)
    // The statement opens rendered.
    await ada.click(tid('kata-open-fizzbuzz'))
    await ada.waitForSelector(`${tid('kata-statement')} h1, ${tid('kata-statement')} h2, ${tid('kata-statement')} p`)
    await shot(ada, 'lobby-statement.png')
    await ada.click(tid('kata-use'))
    assert.equal(await ada.$eval(tid('create-kata'), (s) => s.value), 'fizzbuzz')
    await shot(ada, 'lobby.png')
    // Short turns; time-up waits for the facilitator so the test controls rotation.
    await ada.fill(tid('create-turn-minutes'), '0.5')
    await ada.selectOption(tid('create-time-up'), 'facilitator')
    await Promise.all([ada.waitForURL(/\/r\/[^/]+$/), ada.click(tid('create-room'))])
    roomId = decodeURIComponent(new URL(ada.url()).pathname.split('/')[2])
    facToken = await ada.evaluate((id) => JSON.parse(localStorage.getItem(`randori.facilitator.${id}`)), roomId)
    assert.ok(facToken, 'the creating browser keeps the facilitator token')
    const room = await api('GET', `/api/rooms/${roomId}`)
    assert.equal(room.kata, 'fizzbuzz')
    assert.equal(room.settings.turn_seconds, 30)
  })

  await t.test('two people join; the facilitator starts', async () => {
    await ada.waitForSelector(tid('name-input'))
    await ada.fill(tid('name-input'), 'Ada')
    await ada.click(tid('name-submit'))
    await ada.waitForSelector(tid('facilitator-controls'))
    await ada.waitForSelector(`${tid('connection')}[data-state="online"]`, { timeout: SYNC_TIMEOUT })
    await joinAs(bob, roomId, 'Bob')
    assert.equal(await bob.$(tid('facilitator-controls')), null, 'no facilitator controls without the token')

    await wall.goto(`${base}/r/${roomId}/projector`)
    await wall.waitForSelector(`${tid('qr')} svg`)
    // One line on the wall: the address without its scheme; the QR code has it all.
    assert.equal(await wall.getAttribute(tid('join-url'), 'data-url'), `${base}/r/${roomId}`)
    assert.equal(await wall.textContent(tid('join-url')), `${new URL(base).host}/r/${roomId}`)

    await api('POST', `/api/rooms/${roomId}/rotation`, { action: 'start' }, facToken)
    await waitForRole(ada, 'driving')
    await waitForRole(bob, 'navigating')
    await wall.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes('Ada'), tid('projector-driver'))
    await wall.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes('Bob'), tid('projector-navigator'))
    const roster = await ada.$$eval(`${tid('roster')} ${tid('roster-name')}`, (els) => els.map((e) => e.textContent))
    assert.equal(roster.length, 2)
    assert.match(await ada.textContent(tid('countdown')), /\d:\d\d/)
  })

  await t.test('the driver types, the navigator sees text and cursor, and cannot type', async () => {
    await ada.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('contenteditable') === 'true', `${tid('editor-solution')} .cm-content`, { timeout: SYNC_TIMEOUT })
    assert.equal(await isEditable(bob, 'solution'), false, "the navigator's editor is read-only")

    await replaceContent(ada, 'tests', TESTS)
    await replaceContent(ada, 'solution', FAILING_SOLUTION)
    await ada.keyboard.type('# typed by Ada')
    await waitForEditorText(bob, 'solution', '# typed by Ada')
    await waitForEditorText(wall, 'solution', 'return str(n)')
    await waitForEditorText(wall, 'tests', 'test_three_is_fizz')

    // Ada's caret shows in Bob's editor, labelled with her name.
    await bob.waitForSelector(`${tid('editor-solution')} .cm-remoteCaret`, { timeout: SYNC_TIMEOUT })
    const label = await bob.textContent(`${tid('editor-solution')} .cm-remoteCaretLabel`)
    assert.equal(label.trim(), 'Ada')

    // Bob cannot type.
    const before = await editorText(ada, 'solution')
    await bob.click(`${tid('editor-solution')} .cm-content`, { force: true })
    await bob.keyboard.type('zzz')
    await ada.waitForTimeout(500)
    assert.equal(await editorText(ada, 'solution'), before)
    assert.ok(!(await editorText(bob, 'solution')).includes('zzz'))
    await shot(bob, 'room-navigator.png')
  })

  await t.test('a failing test run shows a red light everywhere', async () => {
    await ada.click(tid('run-tests'))
    const l = await waitForLights(ada, 1)
    assert.equal(l[0].light, 'red', JSON.stringify(l))
    assert.equal(l[0].icon, 'cross', 'a cross, drawn (SVG), for red')
    assert.match(l[0].text, /AD/, 'the light carries the driver’s initials')
    await ada.waitForSelector(`${tid('results')} ${tid('result-row')}[data-status="failed"]`)
    const names = await ada.$$eval(`${tid('results')} ${tid('result-name')}`, (els) => els.map((e) => e.textContent))
    assert.ok(names.some((n) => n.includes('test_three_is_fizz')), names.join(', '))
    assert.equal((await waitForLights(bob, 1))[0].light, 'red')
    assert.equal((await waitForLights(wall, 1))[0].light, 'red')
    await shot(ada, 'room-red.png')
  })

  await t.test('rotation flips who can type', async () => {
    await api('POST', `/api/rooms/${roomId}/rotation`, { action: 'next' }, facToken)
    await waitForRole(bob, 'driving')
    await waitForRole(ada, 'navigating')
    await bob.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('contenteditable') === 'true', `${tid('editor-solution')} .cm-content`, { timeout: SYNC_TIMEOUT })
    assert.equal(await isEditable(ada, 'solution'), false)
    await wall.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes('Bob'), tid('projector-driver'))
  })

  await t.test('a passing run turns green, and the submission passes', async () => {
    await replaceContent(bob, 'solution', PASSING_SOLUTION)
    await waitForEditorText(ada, 'solution', 'return "FizzBuzz"')
    await bob.keyboard.press('Control+Enter')
    const l = await waitForLights(bob, 2)
    assert.deepEqual(
      l.map((x) => x.light),
      ['red', 'green'],
    )
    assert.equal(l[1].icon, 'check')
    assert.match(l[1].text, /BO/)
    await waitForLights(ada, 2)
    await waitForLights(wall, 2)

    await bob.click(tid('submit'))
    await bob.waitForSelector(`${tid('results-verdict')}[data-verdict="passed"]`, { timeout: RUN_TIMEOUT })
    const lastLight = (await waitForLights(bob, 3)).at(-1)
    assert.equal(lastLight.kind, 'submit')
    assert.equal(lastLight.light, 'green')
    assert.match(await bob.textContent(tid('results-verdict')), /passed/)
    await ada.waitForSelector(`${tid('results-verdict')}[data-verdict="passed"]`, { timeout: RUN_TIMEOUT })
    await wall.waitForFunction((sel) => document.querySelector(sel)?.dataset.verdict === 'passed', tid('latest-result'), { timeout: RUN_TIMEOUT })
    await shot(bob, 'room.png')
    // The projector flashes "Submission passed!" for a few seconds; shoot the room after.
    await shot(wall, 'projector-flash.png')
    await wall.waitForSelector(tid('projector-flash'), { state: 'hidden', timeout: 10_000 })
    await shot(wall, 'projector.png')
  })

  await t.test('an unknown room gets a clear page', async () => {
    await ada.goto(`${base}/r/no-such-room-0000`)
    await ada.waitForSelector(tid('unknown-room'))
    await shot(ada, 'unknown-room.png')
  })
})
