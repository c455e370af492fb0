import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Proposal } from '../src/api'
import { proposalRows, proposalSize } from '../src/room/model/proposals'
import { ada, bob, cy, room, rotation, settings, state } from './fixtures'

const roomState = (r: ReturnType<typeof room>, me: string | null) => state({ room: r }, me)

const fromAda = (over: Partial<Proposal['summary']> = {}): Proposal => ({
  id: 'p1',
  author: ada.id,
  author_name: 'Ada Lovelace',
  created_ms: 0,
  summary: { solution_lines: 1, tests_lines: 0, ...over },
})

test('sizes are said in lines, and which file when it is not only the solution', () => {
  assert.equal(proposalSize(fromAda()), '1 line')
  assert.equal(proposalSize(fromAda({ solution_lines: 2, tests_lines: 1 })), '3 lines in the solution and tests')
  assert.equal(proposalSize(fromAda({ solution_lines: 0, tests_lines: 4 })), '4 lines in the tests')
})

test('the driver applies or discards; the author may only discard; others see nothing', () => {
  const r = room({ rotation: rotation({ driver: bob.id, navigator: cy.id }) })
  const asDriver = proposalRows({ ...roomState(r, bob.id), proposals: [fromAda()] }, false)
  assert.deepEqual(asDriver, [{ id: 'p1', text: "Ada Lovelace's offline edit, 1 line", canApply: true, canDiscard: true }])
  const asAuthor = proposalRows({ ...roomState(r, ada.id), proposals: [fromAda()] }, false)
  assert.deepEqual(asAuthor, [{ id: 'p1', text: 'Your offline edit, 1 line: waiting for the driver', canApply: false, canDiscard: true }])
  assert.deepEqual(proposalRows({ ...roomState(r, cy.id), proposals: [fromAda()] }, false), [])
  assert.equal(proposalRows({ ...roomState(r, null), proposals: [fromAda()] }, true)[0].canApply, true, 'the facilitator decides')
  const free = room({ settings: settings({ mode: 'free' }), rotation: rotation({ driver: bob.id }) })
  assert.equal(proposalRows({ ...roomState(free, cy.id), proposals: [fromAda()] }, false)[0].canApply, true, 'everyone types in free mode')
})
