// Asking the server to run the tests or judge a submission.

import { api, type RunKind } from '../api'
import { toast } from '../dom'
import type { RoomContext } from './context'
import { runRefusal } from './model/runs'

export async function requestRun(ctx: RoomContext, kind: RunKind): Promise<void> {
  const { store, me } = ctx
  const refusal = runRefusal(store.getState(), kind)
  if (refusal === 'watching' || !me) {
    toast('Join the room to run tests.', 'info')
    return
  }
  if (refusal === 'no-kata') return
  if (refusal === 'busy') {
    toast('Your previous run is still in progress.', 'info')
    return
  }
  store.dispatch({ type: 'run-requested' })
  try {
    const res = await api.requestRun(ctx.roomId, kind, me.token)
    store.dispatch({ type: 'run-accepted', runId: res.run_id, kind, queuePosition: res.queue_position, atMs: ctx.clock.now() })
  } catch (err) {
    toast(`Could not start the run: ${(err as Error).message}`, 'error')
    store.dispatch({ type: 'run-refused' })
  }
}

/** Fetch every run of the room (at start and after a reconnect, to catch up). */
export async function loadRuns(ctx: RoomContext): Promise<void> {
  try {
    ctx.store.dispatch({ type: 'runs-loaded', runs: await api.runs(ctx.roomId) })
  } catch (err) {
    console.warn('runs: could not load', err)
  }
}
