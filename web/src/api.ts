// Types and calls for the HTTP JSON API (docs/protocol.md).

// The server's types, generated from the Rust core (web/src/generated/protocol.ts,
// checked for staleness in CI); the names the client has always used are aliases.
import type {
  CreatedRoom,
  EditMode,
  Joined,
  KataList,
  KataSummary,
  KataView,
  ParticipantView,
  ProposalView,
  ResultRow,
  RoomSettingsView,
  RoomView,
  RotationAction,
  RotationStatus,
  RotationView,
  RowStatus,
  Run,
  RunKind,
  RunList,
  Light,
  TimeUpRule,
} from './generated/protocol'

export type { KataSummary, Light, RotationAction, RotationStatus, Run, RunKind }
/** A kept offline edit (refused because its author was not driving). */
export type Proposal = ProposalView
export type Mode = EditMode
export type TimeUp = TimeUpRule
export type Verdict = RowStatus
export type CaseStatus = RowStatus
export type Kata = KataView
export type Settings = RoomSettingsView
export type Participant = ParticipantView
export type Rotation = RotationView
export type Room = RoomView
export type CaseResult = ResultRow
export type CreateRoomResponse = CreatedRoom
export type JoinResponse = Joined

/** The body of `POST /api/rooms` (the server reads it field by field). */
export interface CreateRoomRequest {
  kata?: string
  language?: string
  turn_seconds?: number
  mode?: Mode
  time_up?: TimeUp
  break_every?: number
  break_seconds?: number
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

async function call<T>(method: string, path: string, body?: unknown, token?: string | null): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (token) headers['Authorization'] = `Bearer ${token}`
  let res: Response
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  } catch (e) {
    throw new ApiError(0, `cannot reach the server (${(e as Error).message})`)
  }
  const text = await res.text()
  let data: unknown = null
  if (text) {
    try {
      data = JSON.parse(text)
    } catch {
      data = null
    }
  }
  if (!res.ok) {
    const msg =
      data && typeof data === 'object' && 'error' in data ? String((data as { error: unknown }).error) : text || res.statusText
    throw new ApiError(res.status, msg || `HTTP ${res.status}`)
  }
  return data as T
}

const enc = encodeURIComponent

export const api = {
  katas: () => call<KataList>('GET', '/api/katas').then((r) => r.katas),
  kata: (slug: string) => call<Kata>('GET', `/api/katas/${enc(slug)}`),
  createRoom: (req: CreateRoomRequest) => call<CreateRoomResponse>('POST', '/api/rooms', req),
  room: (id: string) => call<Room>('GET', `/api/rooms/${enc(id)}`),
  join: (id: string, name: string) => call<JoinResponse>('POST', `/api/rooms/${enc(id)}/join`, { name }),
  runs: (id: string) => call<RunList>('GET', `/api/rooms/${enc(id)}/runs`).then((r) => r.runs),
  run: (id: string, runId: string) => call<Run>('GET', `/api/rooms/${enc(id)}/runs/${enc(runId)}`),
  requestRun: (id: string, kind: RunKind, token: string) =>
    call<{ run_id: string; queue_position: number }>('POST', `/api/rooms/${enc(id)}/runs`, { kind }, token),
  rotation: (id: string, action: RotationAction, facilitatorToken: string) =>
    call<Rotation>('POST', `/api/rooms/${enc(id)}/rotation`, action, facilitatorToken),
  proposals: (id: string, token: string) => call<ProposalView[]>('GET', `/api/rooms/${enc(id)}/proposals`, undefined, token),
  decideProposal: (id: string, proposal: string, decision: 'apply' | 'discard', token: string) =>
    call<null>('POST', `/api/rooms/${enc(id)}/proposals/${enc(proposal)}/${decision}`, {}, token),
}
