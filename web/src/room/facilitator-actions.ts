// The facilitator's rotation calls (start, pause, skip, reorder, settings…).

import { api, type ApiError, type RotationAction } from '../api'
import { toast } from '../dom'
import { applyRotation, type RoomContext } from './context'

/** POST the action; the panel is busy meanwhile, and the answer is applied at once. */
export async function facilitatorAct(ctx: RoomContext, token: string, action: RotationAction): Promise<void> {
  ctx.store.dispatch({ type: 'facilitator-busy', busy: true })
  try {
    const rot = await api.rotation(ctx.roomId, action, token)
    // The events socket brings the same rotation; applying the answer is just sooner.
    if (rot && typeof rot === 'object' && 'status' in rot) applyRotation(ctx, rot)
  } catch (err) {
    const e = err as ApiError
    const refused = e.status === 403 || e.status === 401
    toast(refused ? 'This browser’s facilitator token is not accepted for this room.' : `Could not ${action.action}: ${e.message}`, 'error')
  } finally {
    ctx.store.dispatch({ type: 'facilitator-busy', busy: false })
  }
}
