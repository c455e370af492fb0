// Browser test of the room's language in the web client: the lobby's language choice
// (the chosen kata's languages, the last choice remembered), the kata cards' language
// badges, and a JavaScript room (file names, editor mode, entry point, projector).
//
//   cd tests && node --test browser/language.test.mjs
//
// Like room.test.mjs: starts target/debug/randori (serving web/dist) unless RANDORI_URL
// names a server, and uses the system Chromium. The JavaScript room needs a server with
// JavaScript support; against one without it, that part is skipped (the lobby must then
// show the server's refusal).

import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { chromium } from 'playwright-core'

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
const TIMEOUT = 15_000
const ORDER = ['python', 'javascript']
const TITLE = { python: 'Python', javascript: 'JavaScript' }

let base = process.env.RANDORI_URL?.replace(/\/+$/, '') ?? null
let server = null
let browser = null

before(async () => {
  if (!base) {
    const { startServer } = await import('../server.mjs')
    server = await startServer()
    base = server.url
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true })
})

after(async () => {
  await browser?.close()
  await server?.stop()
})

const tid = (id) => `[data-testid="${id}"]`

async function getJson(path) {
  const res = await fetch(base + path)
  assert.ok(res.ok, `GET ${path} → ${res.status}`)
  return res.json()
}

async function newPage(name) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } })
  const page = await context.newPage()
  page.on('pageerror', (e) => console.error(`[${name}] page error:`, e.message))
  return page
}

const options = (page) => page.$$eval(`${tid('create-language')} option`, (els) => els.map((e) => e.value))
const selected = (page) => page.$eval(tid('create-language'), (s) => s.value)
const offered = (kata) => ORDER.filter((l) => (kata.languages ?? []).includes(l))

test('the lobby offers the kata’s languages and remembers the choice', { timeout: 60_000 }, async () => {
  const { katas } = await getJson('/api/katas')
  const page = await newPage('lobby')
  await page.goto(base + '/')
  await page.waitForSelector(`${tid('kata-card')}[data-slug="fizzbuzz"]`)

  // Every card shows its languages as badges, outside the title.
  for (const k of katas) {
    const badges = await page.$$eval(`${tid('kata-card')}[data-slug="${k.slug}"] ${tid('kata-language')}`, (els) => els.map((e) => e.dataset.language))
    assert.deepEqual(badges, offered(k).length ? offered(k) : ['python'], k.slug)
  }
  assert.equal(await page.textContent(`${tid('kata-card')}[data-slug="fizzbuzz"] h3`), 'FizzBuzz')

  // Free practice: every language, Python first and selected.
  assert.deepEqual(await options(page), ORDER)
  assert.equal(await selected(page), 'python')

  // A kata: only its languages; a note when there is one.
  const fizz = katas.find((k) => k.slug === 'fizzbuzz')
  await page.click(tid('kata-choose-fizzbuzz'))
  assert.deepEqual(await options(page), offered(fizz))
  const note = await page.$eval(tid('create-language-note'), (e) => (e.hidden ? '' : e.textContent))
  assert.equal(note, offered(fizz).length === 1 ? `FizzBuzz is in ${TITLE[offered(fizz)[0]]} only.` : '')

  // Choosing JavaScript (free practice) is remembered across a reload, and survives
  // a detour through a Python-only kata.
  await page.selectOption(tid('create-kata'), '')
  await page.selectOption(tid('create-language'), 'javascript')
  assert.equal(await page.evaluate(() => JSON.parse(localStorage.getItem('randori.language'))), 'javascript')
  await page.reload()
  await page.waitForSelector(`${tid('kata-card')}[data-slug="fizzbuzz"]`)
  assert.equal(await selected(page), 'javascript')
  const pythonOnly = katas.find((k) => offered(k).length === 1 && offered(k)[0] === 'python')
  if (pythonOnly) {
    await page.selectOption(tid('create-kata'), pythonOnly.slug)
    assert.equal(await selected(page), 'python')
    await page.selectOption(tid('create-kata'), '')
    assert.equal(await selected(page), 'javascript')
  }
  await page.context().close()
})

test('a JavaScript room shows JavaScript files, mode and names', { timeout: 90_000 }, async (t) => {
  const { katas } = await getJson('/api/katas')
  // Prefer a kata whose entry name JavaScript spells differently.
  const jsKatas = katas.filter((k) => (k.languages ?? []).includes('javascript'))
  const kata = jsKatas.find((k) => k.slug === 'gil-scheduler') ?? jsKatas[0] ?? null
  const page = await newPage('js-room')
  await page.goto(base + '/')
  await page.waitForSelector(`${tid('kata-card')}[data-slug="fizzbuzz"]`)
  if (kata) await page.click(tid(`kata-choose-${kata.slug}`))
  await page.selectOption(tid('create-language'), 'javascript')
  await page.click(tid('create-room'))
  const outcome = await Promise.race([
    page.waitForURL(/\/r\/[^/]+$/, { timeout: TIMEOUT }).then(() => 'room'),
    page.waitForFunction((sel) => document.querySelector(sel)?.textContent, tid('create-error'), { timeout: TIMEOUT }).then(() => 'refused'),
  ])
  if (outcome === 'refused') {
    // A server without JavaScript: its refusal is shown, and the form stays usable.
    assert.match(await page.textContent(tid('create-error')), /Could not create the room: .*javascript/i)
    assert.equal(await page.$eval(tid('create-room'), (b) => b.disabled), false)
    await page.context().close()
    t.skip('this server does not run JavaScript yet')
    return
  }
  const roomId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2])
  const room = await getJson(`/api/rooms/${roomId}`)
  assert.equal(room.language, 'javascript')

  await page.waitForSelector(tid('name-input'))
  await page.fill(tid('name-input'), 'Ada')
  await page.click(tid('name-submit'))
  await page.waitForSelector(tid('role-banner'))
  assert.equal((await page.textContent(tid('tab-solution'))).trim(), 'solution.js')
  assert.equal((await page.textContent(tid('tab-tests'))).trim(), 'solution.test.js')
  assert.equal(await page.$eval(`${tid('editor-solution')} .cm-editor`, (e) => e.dataset.language), 'javascript')
  assert.equal(await page.textContent(tid('room-language')), 'JavaScript')
  if (kata) {
    await page.waitForSelector(tid('entry-signature'), { timeout: TIMEOUT })
    assert.match(await page.textContent(tid('entry-signature')), /^(function|class) /)
    if (kata.slug === 'gil-scheduler') {
      assert.match(await page.textContent(tid('entry-signature')), /^function gilTrace\(threads: .*, switchInterval: int\)/)
      assert.match(await page.textContent(tid('entry-names')), /gil_trace → gilTrace/)
    }
  }

  await page.goto(`${base}/r/${roomId}/projector`)
  await page.waitForSelector(tid('projector'))
  assert.equal(await page.textContent(tid('file-name-solution')), 'solution.js')
  assert.equal(await page.textContent(tid('file-name-tests')), 'solution.test.js')
  assert.equal(await page.$eval(`${tid('editor-solution')} .cm-editor`, (e) => e.dataset.language), 'javascript')
  await page.context().close()
})
