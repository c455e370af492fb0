// The room's runs as data: merging updates, the latest result, this browser's own run.

import type { Run, RunKind } from '../../api'
import { rolesOf } from '../../roles'
import type { RoomState } from './state'

/**
 * `runs` with `run` merged in; the same map when nothing may change. Events can arrive
 * out of order (a reconnect refetches the list), and a late "queued" must never
 * overwrite a "done".
 */
export function upsertRun(runs: ReadonlyMap<string, Run>, run: Run): ReadonlyMap<string, Run> {
  const prev = runs.get(run.id)
  if (prev && prev.status === 'done' && run.status !== 'done') return runs
  const next = new Map(runs)
  next.set(run.id, { ...prev, ...run })
  return next
}

/** The newest finished run (ties: the later in the map). */
export function latestDone(runs: ReadonlyMap<string, Run>): Run | null {
  let best: Run | null = null
  for (const r of runs.values()) if (r.status === 'done' && (!best || r.created_at_ms >= best.created_at_ms)) best = r
  return best
}

/** Runs not finished yet, oldest first. */
export function pendingRuns(runs: ReadonlyMap<string, Run>): Run[] {
  return [...runs.values()].filter((r) => r.status !== 'done').sort((a, b) => a.created_at_ms - b.created_at_ms)
}

export function myRun(s: RoomState): Run | undefined {
  return s.myRunId ? s.runs.get(s.myRunId) : undefined
}

/** This browser asked for a run that has not finished: one at a time per person. */
export function myRunPending(s: RoomState): boolean {
  const mine = myRun(s)
  return s.myRunRequested || (mine !== undefined && mine.status !== 'done')
}

export type RunRefusal = 'watching' | 'no-kata' | 'busy'

/** Why a run of `kind` cannot be asked for now, or null when it can. */
export function runRefusal(s: RoomState, kind: RunKind): RunRefusal | null {
  if (!s.meId) return 'watching'
  // Submissions are judged against the kata's hidden cases: free practice has none.
  if (kind === 'submit' && !s.room.kata) return 'no-kata'
  if (myRunPending(s)) return 'busy'
  return null
}

/** The run shown in the results panel and whether it is the latest one. */
export function shownRun(s: RoomState): { run: Run | null; latest: boolean } {
  const latest = latestDone(s.runs)
  const selected = s.selectedRunId ? (s.runs.get(s.selectedRunId) ?? null) : null
  return { run: selected ?? latest, latest: !selected || selected.id === latest?.id }
}

/** Picking a light shows that run; picking it again, or the latest, goes back to following. */
export function selectRun(s: RoomState, runId: string): string | null {
  return s.selectedRunId === runId || runId === latestDone(s.runs)?.id ? null : runId
}

/** Our accepted run as we know it until the server's run_queued arrives. */
export function placeholderRun(s: RoomState, runId: string, kind: RunKind, atMs: number): Run {
  return {
    id: runId,
    kind,
    status: 'queued',
    requested_by: s.meId ?? '',
    driver: rolesOf(s.room.rotation).driver,
    turn: s.room.rotation?.turn ?? 0,
    created_at_ms: atMs,
    results: [],
  }
}
