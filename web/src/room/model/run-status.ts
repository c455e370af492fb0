// The run bar's state: button labels, whether they are enabled, the status line.

import type { IconName } from '../../icons'
import { nameIn } from './names'
import { myRun, myRunPending, pendingRuns } from './runs'
import type { RoomState } from './state'

export interface RunStatusView {
  /** Our own run is on its way: both buttons wait for it. */
  busy: boolean
  /** Free practice has no hidden cases to submit against. */
  submitHidden: boolean
  /** idle, queued or running: the status line's data-state. */
  state: string
  text: string
  runLabel: string
  submitLabel: string
  /** Drawn before the labels (icons.ts), never typed as characters. */
  runIcon: IconName
  submitIcon: IconName
}

/** Our own run first, then (when ours is done) the oldest pending run of anyone. */
function statusLine(s: RoomState): { state: string; text: string } {
  const mine = myRun(s)
  const what = (kind: string, submit: string, test: string) => (kind === 'submit' ? submit : test)
  if (s.myRunRequested && !mine) return { state: 'queued', text: 'Sending…' }
  if (mine?.status === 'queued') {
    const pos = s.queuePositions.get(mine.id)
    return { state: 'queued', text: `${what(mine.kind, 'Submission', 'Tests')} queued${pos ? ` (position ${pos})` : ''}…` }
  }
  if (mine?.status === 'running') return { state: 'running', text: `${what(mine.kind, 'Judging the submission', 'Running the tests')}…` }
  const first = pendingRuns(s.runs)[0]
  if (first) return { state: first.status, text: `${nameIn(s.room.participants, first.requested_by)}'s ${what(first.kind, 'submission', 'tests')}: ${first.status}…` }
  return { state: 'idle', text: '' }
}

export function runStatusView(s: RoomState): RunStatusView {
  const busy = myRunPending(s)
  const { state, text } = statusLine(s)
  const submitting = myRun(s)?.kind === 'submit'
  const waitLabel = (running: string) => (state === 'running' ? running : 'Queued…')
  const runWaits = busy && !submitting
  const submitWaits = busy && submitting
  return {
    busy,
    submitHidden: !s.room.kata,
    state,
    text,
    runLabel: runWaits ? waitLabel('Running…') : 'Run tests',
    submitLabel: submitWaits ? waitLabel('Judging…') : 'Submit',
    runIcon: runWaits ? 'hourglass' : 'play',
    submitIcon: submitWaits ? 'hourglass' : 'star',
  }
}
