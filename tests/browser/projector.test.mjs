// Browser tests of the projector at 1920x1080 and of following the driver: the
// projector keeps the driver's cursor in view (line 82 of 100) and marks the file they
// are in; a navigator following sees it too, until their own scrolling pauses it
// ("Resume following"); the code is big enough to read (28 px or more) and zooms, the
// zoom kept across a reload; the join address is one line; no emoji anywhere (SVG
// icons). Screenshots of the projector go to tests/browser/artifacts/.
//
//   cd tests && node --test --test-concurrency=1 browser/projector.test.mjs
//
// Setup (server, Chromium, rooms made through the API): helpers.mjs.

import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { RUN_TIMEOUT, SYNC_TIMEOUT, docText, openPage, pictographs, replaceContent, roomWith, setup, shot, start, tid, until, visibleLines, waitEditable, waitOnline } from './helpers.mjs'

let env = null

before(async () => {
  env = await setup()
})

after(async () => {
  await env?.stop()
})

const WALL = { width: 1920, height: 1080 }
const LINES = Array.from({ length: 100 }, (_, i) => `# line ${i + 1}`).join('\n')

/** The computed font size of an editor's code, in px. */
const codeFontSize = (page, testid) => page.$eval(`${tid(testid)} .cm-content`, (el) => parseFloat(getComputedStyle(el).fontSize))

async function waitLineVisible(page, testid, line, what) {
  try {
    await until(what, async () => (await visibleLines(page, testid)).includes(line), 10_000)
  } catch {
    assert.fail(`${what}: visible lines ${JSON.stringify(await visibleLines(page, testid))}`)
  }
}

test('the projector and a following navigator keep the driver’s cursor in view', { timeout: 3 * 60_000 }, async () => {
  const room = await roomWith(env.base, ['Ada', 'Bob'])
  await start(env.base, room)
  const ada = await openPage(env, room, room.people.Ada)
  const bob = await openPage(env, room, room.people.Bob)
  const wall = await openPage(env, room, null, { path: '/projector', viewport: WALL, label: 'projector' })
  await waitOnline(ada)
  await waitOnline(bob)
  await waitEditable(ada)
  await wall.waitForSelector(`${tid('connection')}[data-state="online"]`, { timeout: SYNC_TIMEOUT })

  // A hundred lines; the driver goes to the top, then down to line 82.
  await replaceContent(ada, 'solution', LINES)
  await until('the projector has the text', async () => (await docText(wall)) === LINES)
  await ada.keyboard.press('Control+Home')
  await waitLineVisible(wall, 'editor-solution', 1, 'the projector at the top')
  for (let i = 0; i < 81; i++) await ada.keyboard.press('ArrowDown')
  await waitLineVisible(wall, 'editor-solution', 82, 'the projector shows line 82')
  assert.ok(!(await visibleLines(wall, 'editor-solution')).includes(1), 'and has scrolled away from the top')
  // The driver's caret is drawn there, named.
  await wall.waitForSelector(`${tid('editor-solution')} .cm-remoteCaret[data-name="Ada"]`, { timeout: SYNC_TIMEOUT })
  assert.equal(await wall.getAttribute(tid('proj-file-solution'), 'class').then((c) => c.includes('proj-file-active')), true, 'the file the driver is in is marked')
  await shot(wall, 'projector-follow.png')

  // The navigator follows (on by default) and sees line 82 as well.
  assert.equal(await bob.getAttribute(tid('follow-driver'), 'data-state'), 'on')
  await waitLineVisible(bob, 'editor-solution', 82, 'the navigator shows line 82')

  // The navigator's own scrolling pauses following…
  const editorBox = await bob.locator(tid('editor-solution')).boundingBox()
  await bob.mouse.move(editorBox.x + editorBox.width / 2, editorBox.y + editorBox.height / 2)
  await bob.mouse.wheel(0, 600)
  await bob.waitForSelector(`${tid('follow-driver')}[data-state="paused"]`, { timeout: 3_000 })
  assert.equal((await bob.textContent(tid('follow-driver'))).trim(), 'Resume following')
  const scrolledTo = await visibleLines(bob, 'editor-solution')
  // …so the driver moving does not pull the view back, while the projector still follows.
  for (let i = 0; i < 60; i++) await ada.keyboard.press('ArrowUp')
  await waitLineVisible(wall, 'editor-solution', 22, 'the projector follows to line 22')
  await bob.waitForTimeout(800)
  assert.deepEqual(await visibleLines(bob, 'editor-solution'), scrolledTo, 'paused: Bob’s view stays')
  // Resume: back to the driver.
  await bob.click(tid('follow-driver'))
  assert.equal(await bob.getAttribute(tid('follow-driver'), 'data-state'), 'on')
  await waitLineVisible(bob, 'editor-solution', 22, 'resumed: the navigator shows line 22')

  // In the other file: the projector marks it, and the navigator switches to it.
  await replaceContent(ada, 'tests', 'from solution import fizzbuzz\n\n\ndef test_one():\n    assert fizzbuzz(1) == "1"\n')
  await wall.waitForSelector(`${tid('proj-file-tests')}.proj-file-active`, { timeout: SYNC_TIMEOUT })
  assert.equal(await wall.getAttribute(tid('proj-file-solution'), 'class').then((c) => c.includes('proj-file-active')), false)
  await bob.waitForSelector(`${tid('tab-tests')}[aria-selected="true"]`, { timeout: SYNC_TIMEOUT })

  await Promise.all([ada, bob, wall].map((p) => p.context().close()))
})

test('the projector is readable at the back: big code, zoom kept, one-line join address, no emoji', { timeout: 3 * 60_000 }, async () => {
  const room = await roomWith(env.base, ['Ada', 'Bob'])
  await start(env.base, room)
  const ada = await openPage(env, room, room.people.Ada)
  const wall = await openPage(env, room, null, { path: '/projector', viewport: WALL, label: 'projector' })
  await waitOnline(ada)
  await waitEditable(ada)
  await wall.waitForSelector(tid('projector'))

  // Code at 28 px or more by default on a 1920 px wall.
  const base = await codeFontSize(wall, 'editor-solution')
  assert.ok(base >= 28, `projector code at ${base}px`)

  // Zoom with the keys and the buttons; kept across a reload.
  await wall.keyboard.press('Control+=')
  await until('zoomed in', async () => (await codeFontSize(wall, 'editor-solution')) > base)
  await wall.click(tid('zoom-in'))
  const zoomed = await codeFontSize(wall, 'editor-solution')
  assert.ok(zoomed > base * 1.2, `${zoomed}px after two steps from ${base}px`)
  assert.equal(await wall.textContent(tid('zoom-level')), '130%')
  await wall.reload()
  await wall.waitForSelector(tid('projector'))
  assert.equal(await codeFontSize(wall, 'editor-solution'), zoomed, 'the zoom is kept')
  assert.equal(await wall.textContent(tid('zoom-level')), '130%')
  await wall.keyboard.press('Control+-')
  await until('zoomed out', async () => (await codeFontSize(wall, 'editor-solution')) < zoomed)
  await wall.keyboard.press('Control+0')
  await until('reset', async () => (await codeFontSize(wall, 'editor-solution')) === base)

  // The room editor zooms too, remembered apart from the projector.
  const roomBase = await codeFontSize(ada, 'editor-solution')
  await ada.click(tid('zoom-in'))
  await until('room zoomed', async () => (await codeFontSize(ada, 'editor-solution')) > roomBase)
  await ada.reload()
  await waitOnline(ada)
  assert.ok((await codeFontSize(ada, 'editor-solution')) > roomBase, 'kept across a reload')
  assert.equal(await codeFontSize(wall, 'editor-solution'), base, 'the projector’s zoom is its own')
  await ada.click(tid('zoom-level'))

  // The join address: one line, with the QR code beside it.
  await wall.waitForSelector(`${tid('qr')} svg`)
  const join = await wall.$eval(tid('join-url'), (el) => ({ text: el.textContent, url: el.dataset.url, height: el.getBoundingClientRect().height, line: parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.2 }))
  assert.equal(join.url, `${env.base}/r/${room.id}`)
  assert.equal(join.text, `${new URL(env.base).host}/r/${room.id}`)
  assert.ok(join.height <= join.line * 1.5, `join address ${join.height}px high, line ${join.line}px`)

  // Lights with icons, not characters; and no emoji on either page.
  await replaceContent(ada, 'solution', 'def fizzbuzz(n):\n    return str(n)\n')
  await ada.click(tid('run-tests'))
  await wall.waitForSelector(`${tid('light-strip')} ${tid('light')}`, { timeout: RUN_TIMEOUT })
  await ada.waitForSelector(`${tid('light-strip')} ${tid('light')} svg[data-icon]`, { timeout: RUN_TIMEOUT })
  const light = await wall.$eval(`${tid('light-strip')} ${tid('light')}`, (el) => ({ icon: el.querySelector('svg')?.dataset.icon, size: el.getBoundingClientRect().width, initials: el.querySelector('.light-initials')?.textContent }))
  assert.ok(light.icon, 'an SVG icon')
  assert.equal(light.initials, 'AD')
  assert.ok(light.size >= 60, `a light ${light.size}px wide`)
  assert.deepEqual(await pictographs(wall), [], 'projector')
  assert.deepEqual(await pictographs(ada), [], 'room')
  const files = [await shot(wall, 'projector-1920.png')]
  await wall.click(tid('zoom-in'))
  await wall.click(tid('zoom-in'))
  files.push(await shot(wall, 'projector-1920-zoomed.png'))
  console.log(`screenshots: ${files.join(', ')}`)
  await Promise.all([ada, wall].map((p) => p.context().close()))
})

test('the projector shows who is away', { timeout: 60_000 }, async () => {
  const room = await roomWith(env.base, ['Ada', 'Bob'])
  const ada = await openPage(env, room, room.people.Ada)
  const bob = await openPage(env, room, room.people.Bob)
  const wall = await openPage(env, room, null, { path: '/projector', viewport: WALL, label: 'projector' })
  await waitOnline(ada)
  await waitOnline(bob)
  await wall.waitForSelector(`${tid('connection')}[data-state="online"]`, { timeout: SYNC_TIMEOUT })
  assert.equal(await wall.isVisible(tid('projector-away')), false, 'nobody away: no line')
  await bob.context().close()
  await wall.waitForSelector(tid('projector-away'), { state: 'visible', timeout: SYNC_TIMEOUT })
  assert.equal(await wall.textContent(tid('projector-away')), 'Away: Bob')
  await ada.context().close()
  await wall.context().close()
})
