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

/** The token that may see the room's kept offline edits: the facilitator's, else ours. */
function proposalToken(ctx: RoomContext): string | null {
  return ctx.facToken ?? ctx.me?.token ?? null
}

/** Fetch the kept offline edits (at start and after a reconnect). */
export async function loadProposals(ctx: RoomContext): Promise<void> {
  const token = proposalToken(ctx)
  if (!token) return
  try {
    ctx.store.dispatch({ type: 'proposals', proposals: await api.proposals(ctx.roomId, token) })
  } catch (err) {
    console.warn('proposals: could not load', err)
  }
}

export async function decideProposal(ctx: RoomContext, id: string, decision: 'apply' | 'discard'): Promise<void> {
  const token = proposalToken(ctx)
  if (!token) return
  try {
    await api.decideProposal(ctx.roomId, id, decision, token)
    toast(decision === 'apply' ? 'Offline edit applied.' : 'Offline edit discarded.', 'success')
  } catch (err) {
    toast(`Could not ${decision} the offline edit: ${(err as Error).message}`, 'error')
  }
  await loadProposals(ctx)
}
