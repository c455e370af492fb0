// Kept offline edits as the room page shows them: who may apply or discard which,
// and what each says. Pure; room/ui/proposals.ts renders it.

import type { Proposal } from '../../api'
import { rolesOf } from '../../roles'
import type { RoomState } from './state'

export interface ProposalRow {
  id: string
  /** "Ada's offline edit, 1 line", or "Your offline edit, 3 lines: waiting for the driver". */
  text: string
  canApply: boolean
  canDiscard: boolean
}

/** "1 line" / "3 lines in the solution and tests" from a proposal's summary. */
export function proposalSize(p: Proposal): string {
  const { solution_lines: sol, tests_lines: tests } = p.summary
  const n = sol + tests
  const lines = `${n} line${n === 1 ? '' : 's'}`
  if (sol > 0 && tests > 0) return `${lines} in the solution and tests`
  if (tests > 0) return `${lines} in the tests`
  return lines
}

/**
 * The rows this browser sees: the driver and the facilitator (and everyone in free
 * mode) see every proposal with Apply and Discard; an author sees their own, with
 * Discard; the rest see none.
 */
export function proposalRows(s: RoomState, facilitator: boolean): ProposalRow[] {
  const driver = rolesOf(s.room.rotation).driver
  const decides = facilitator || (s.meId !== null && (s.meId === driver || s.room.settings.mode === 'free'))
  return s.proposals.flatMap((p): ProposalRow[] => {
    const mine = p.author === s.meId
    if (!decides && !mine) return []
    const text = mine && !decides ? `Your offline edit, ${proposalSize(p)}: waiting for the driver` : `${mine ? 'Your' : `${p.author_name}'s`} offline edit, ${proposalSize(p)}`
    return [{ id: p.id, text, canApply: decides, canDiscard: decides || mine }]
  })
}
