// Browser test of the lobby's kata filter: difficulty, tags (the filter bar's and a
// card's), search by title / slug / summary, the count and the empty state, the filter
// kept across a reload (address) and a visit to "/" (the tab's sessionStorage), the
// chosen kata kept, and the keyboard.
//
//   cd tests && node --test --test-concurrency=1 browser/lobby-filter.test.mjs
//
// Like room.test.mjs: starts target/debug/randori (serving web/dist) unless RANDORI_URL
// names a server, and uses the system Chromium. What should show is worked out here from
// GET /api/katas, so the test follows the catalogue as it grows.

import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { chromium } from 'playwright-core'

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

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

/** The slugs of the cards in the list, in order (only matching cards are in it). */
const visibleSlugs = (page) => page.$$eval(`${tid('kata-list')} ${tid('kata-card')}`, (els) => els.filter((e) => e.offsetParent !== null).map((e) => e.dataset.slug))
const countText = (page) => page.textContent(tid('kata-count'))
const kataOptions = (page) => page.$$eval(`${tid('create-kata')} option`, (els) => els.map((e) => e.value).filter((v) => v))

/** Wait until the list shows exactly `slugs`. */
async function expectCards(page, slugs, what) {
  try {
    await page.waitForFunction(
      ([sel, want]) => JSON.stringify([...document.querySelectorAll(sel)].map((e) => e.dataset.slug)) === want,
      [`${tid('kata-list')} ${tid('kata-card')}`, JSON.stringify(slugs)],
      { timeout: 5_000 },
    )
  } catch {
    // Fall through to a readable assertion.
  }
  assert.deepEqual(await visibleSlugs(page), slugs, what)
}

test('the lobby filters katas by difficulty, tag and search, and keeps the filter', { timeout: 90_000 }, async () => {
  const { katas } = await getJson('/api/katas')
  assert.ok(katas.length > 1, 'a catalogue to filter')
  const all = katas.map((k) => k.slug)
  const norm = (s) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[\u2018\u2019]/g, "'").toLowerCase()
  const where = (pred) => katas.filter(pred).map((k) => k.slug)

  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } })
  const page = await context.newPage()
  const errors = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(base + '/')
  await page.waitForSelector(`${tid('kata-card')}[data-slug="fizzbuzz"]`)

  // Nothing filtered: every kata, the count says so, no "Clear filters".
  await expectCards(page, all, 'no filter')
  assert.equal(await countText(page), `${katas.length} katas`)
  assert.equal(await page.isVisible(tid('kata-filter-clear')), false)

  // Difficulty: hard, then hard or easy.
  await page.check(tid('kata-filter-difficulty-hard'))
  await expectCards(page, where((k) => k.difficulty === 'hard'), 'hard')
  const hard = where((k) => k.difficulty === 'hard')
  assert.equal(await countText(page), `${hard.length} of ${katas.length} katas`)
  assert.match(new URL(page.url()).search, /difficulty=hard/)
  await page.check(tid('kata-filter-difficulty-easy'))
  await expectCards(page, where((k) => k.difficulty === 'hard' || k.difficulty === 'easy'), 'hard or easy')
  await page.uncheck(tid('kata-filter-difficulty-easy'))

  // A tag from the filter bar, on top: the commonest tag among the hard katas.
  const tally = new Map()
  for (const k of katas.filter((k) => k.difficulty === 'hard')) for (const t of k.tags) tally.set(t, (tally.get(t) ?? 0) + 1)
  const tag = [...tally].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0]
  const barTag = `${tid('kata-tag-filter')} [data-tag="${tag}"]`
  await page.click(barTag)
  assert.equal(await page.getAttribute(barTag, 'aria-pressed'), 'true')
  const hardTagged = where((k) => k.difficulty === 'hard' && k.tags.includes(tag))
  await expectCards(page, hardTagged, `hard + #${tag}`)
  // The same tag on the visible cards shows as pressed.
  assert.equal(await page.getAttribute(`${tid('kata-card')}[data-slug="${hardTagged[0]}"] ${tid('kata-tag')}[data-tag="${tag}"]`, 'aria-pressed'), 'true')

  // The address keeps the filter across a reload.
  assert.match(new URL(page.url()).search, new RegExp(`tag=${encodeURIComponent(tag)}`))
  await page.reload()
  await page.waitForSelector(`${tid('kata-card')}[data-slug="${hardTagged[0]}"]`)
  await expectCards(page, hardTagged, 'after a reload')
  assert.equal(await page.isChecked(tid('kata-filter-difficulty-hard')), true)
  assert.equal(await page.getAttribute(barTag, 'aria-pressed'), 'true')

  // "Clear filters" beside the count: everything again, focus in the search box.
  await page.click(tid('kata-filter-clear'))
  await expectCards(page, all, 'cleared')
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'kata-search')
  assert.equal(new URL(page.url()).search, '')

  // A tag clicked on a card filters by it; clicked again, it stops.
  const fizz = katas.find((k) => k.slug === 'fizzbuzz')
  const cardTag = fizz.tags[0]
  const fizzTag = `${tid('kata-card')}[data-slug="fizzbuzz"] ${tid('kata-tag')}[data-tag="${cardTag}"]`
  await page.click(fizzTag)
  await expectCards(page, where((k) => k.tags.includes(cardTag)), `card tag #${cardTag}`)
  assert.equal(await page.getAttribute(fizzTag, 'aria-pressed'), 'true')
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.tag), cardTag, 'focus stays on the tag')
  await page.click(fizzTag)
  await expectCards(page, all, 'card tag off')

  // Search: title (any case), slug, summary; typing filters at once.
  await page.fill(tid('kata-search'), 'FIZZ')
  await expectCards(page, where((k) => [k.title, k.slug, k.summary].some((s) => norm(s).includes('fizz'))), 'search "FIZZ"')
  const other = katas.find((k) => k.slug.includes('-')) ?? katas[1]
  await page.fill(tid('kata-search'), other.slug)
  await expectCards(page, where((k) => [k.title, k.slug, k.summary].some((s) => norm(s).includes(norm(other.slug)))), `search slug ${other.slug}`)
  assert.ok((await visibleSlugs(page)).includes(other.slug))
  const word = fizz.summary.split(/\s+/).find((w) => w.length >= 5)?.replace(/[^\p{L}\p{N}-]/gu, '')
  if (word) {
    await page.fill(tid('kata-search'), word)
    const bySummary = where((k) => [k.title, k.slug, k.summary].some((s) => norm(s).includes(norm(word))))
    await expectCards(page, bySummary, `search summary word "${word}"`)
    assert.ok(bySummary.includes('fizzbuzz'))
  }

  // Nothing matches: the empty state, and its button clears everything.
  await page.fill(tid('kata-search'), 'zz-no-kata-is-called-this')
  await page.waitForSelector(tid('kata-empty'))
  await expectCards(page, [], 'no match')
  assert.equal(await countText(page), `No kata matches (${katas.length} in all)`)
  await page.click(tid('kata-empty-clear'))
  await expectCards(page, all, 'empty state cleared')
  assert.equal(await page.inputValue(tid('kata-search')), '')
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'kata-search')

  // The chosen kata stays chosen while it matches, and is not dropped when it does not.
  await page.click(tid('kata-choose-fizzbuzz'))
  assert.equal(await page.$eval(tid('create-kata'), (s) => s.value), 'fizzbuzz')
  await page.check(tid(`kata-filter-difficulty-${fizz.difficulty}`))
  assert.equal(await page.$eval(tid('create-kata'), (s) => s.value), 'fizzbuzz')
  assert.deepEqual(await kataOptions(page), where((k) => k.difficulty === fizz.difficulty), 'the form lists the matching katas')
  await page.uncheck(tid(`kata-filter-difficulty-${fizz.difficulty}`))
  const elsewhere = ['easy', 'medium', 'hard'].find((d) => d !== fizz.difficulty && katas.some((k) => k.difficulty === d))
  await page.check(tid(`kata-filter-difficulty-${elsewhere}`))
  assert.equal(await page.$eval(tid('create-kata'), (s) => s.value), 'fizzbuzz')
  assert.deepEqual(
    await kataOptions(page),
    where((k) => k.slug === 'fizzbuzz' || k.difficulty === elsewhere),
    'matching katas and the chosen one',
  )

  // "/" without parameters (the Randori link) gets the tab's filter back.
  await page.click('a.brand')
  await page.waitForSelector(`${tid('kata-card')}`)
  await expectCards(page, where((k) => k.difficulty === elsewhere), 'the tab remembers')
  assert.match(new URL(page.url()).search, new RegExp(`difficulty=${elsewhere}`))
  // A fresh tab (new context) starts unfiltered.
  const fresh = await (await browser.newContext()).newPage()
  await fresh.goto(base + '/')
  await fresh.waitForSelector(`${tid('kata-card')}[data-slug="fizzbuzz"]`)
  await expectCards(fresh, all, 'a fresh tab')
  await fresh.context().close()

  // Keyboard: the search box is labelled; Tab reaches the difficulty boxes, Space ticks one.
  await page.click(tid('kata-filter-clear'))
  assert.equal(await page.$eval('label[for="kata-search"]', (l) => l.textContent), 'Search katas')
  await page.focus(tid('kata-search'))
  await page.keyboard.type('roman')
  await expectCards(page, where((k) => [k.title, k.slug, k.summary].some((s) => norm(s).includes('roman'))), 'typed "roman"')
  await page.keyboard.press('Tab')
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'kata-filter-easy')
  await page.keyboard.press('Space')
  assert.equal(await page.isChecked(tid('kata-filter-difficulty-easy')), true)
  await expectCards(page, where((k) => k.difficulty === 'easy' && [k.title, k.slug, k.summary].some((s) => norm(s).includes('roman'))), 'roman + easy')

  assert.deepEqual(errors, [], 'no page errors')
  await context.close()
})
