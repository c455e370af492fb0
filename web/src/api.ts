// Types and calls for the HTTP JSON API (docs/protocol.md).

export type Mode = 'strict' | 'free'
export type TimeUp = 'rotate' | 'on_green' | 'facilitator'
export type RotationStatus = 'idle' | 'running' | 'paused' | 'break' | 'waiting' | 'ended'
export type Light = 'green' | 'red' | 'amber'
export type Verdict = 'passed' | 'failed' | 'error' | 'timed_out' | 'out_of_memory' | 'internal_error'
export type CaseStatus = 'passed' | 'failed' | 'error' | 'timed_out' | 'out_of_memory' | 'not_run'
export type RunKind = 'test' | 'submit'

export interface KataSummary {
  slug: string
  title: string
  summary: string
  difficulty: string
  tags: string[]
  languages: string[]
}

export interface Kata extends KataSummary {
  statement: string
  starters?: Record<string, { solution: string; tests: string }>
  samples?: unknown[]
  entry?: unknown
}

export interface Settings {
  mode: Mode
  turn_seconds: number
  time_up: TimeUp
  break_every: number
  break_seconds: number
  warning_seconds: number
}

export interface Participant {
  id: string
  name: string
  online: boolean
}

export interface Rotation {
  status: RotationStatus
  turn: number
  driver: string | null
  navigator: string | null
  next: string | null
  queue: string[]
  deadline_ms: number | null
  remaining_ms: number | null
  server_time_ms: number
  // Extensions some servers send (not in docs/protocol.md); used when present.
  /** Every participant id in rotation order, absent and skipped included. */
  order?: string[]
  /** Ids the facilitator skipped. */
  skipped?: string[]
  /** Ids offline for longer than the grace period. */
  absent?: string[]
  /** While paused: which clock is frozen. */
  paused_in?: 'running' | 'break' | null
}

export interface Room {
  id: string
  kata: string | null
  kata_title: string | null
  language: string
  created_at_ms: number
  settings: Settings
  participants: Participant[]
  rotation: Rotation
  server_time_ms: number
}

export interface CaseResult {
  name: string
  group?: 'sample' | 'hidden' | 'random' | null
  status: CaseStatus
  message?: string | null
  input?: unknown
  expected?: unknown
  actual?: unknown
  output?: string | null
  output_truncated?: boolean
}

export interface Run {
  id: string
  kind: RunKind
  status: 'queued' | 'running' | 'done'
  requested_by: string
  driver: string | null
  turn: number
  created_at_ms: number
  finished_at_ms?: number | null
  seed?: number | null
  light?: Light | null
  verdict?: Verdict | null
  summary?: string | null
  results?: CaseResult[]
  /** Extension: time spent in the sandbox. */
  duration_ms?: number | null
}

export interface CreateRoomRequest {
  kata?: string
  language?: string
  turn_seconds?: number
  mode?: Mode
  time_up?: TimeUp
  break_every?: number
  break_seconds?: number
}

export interface CreateRoomResponse {
  id: string
  facilitator_token: string
  join_url: string
}

export interface JoinResponse {
  participant_id: string
  token: string
}

export type RotationAction =
  | { action: 'start' | 'pause' | 'resume' | 'next' | 'shuffle' | 'end' }
  | { action: 'skip' | 'unskip'; participant: string }
  | { action: 'reorder'; order: string[] }
  | { action: 'settings'; settings: Partial<Settings> }

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
  katas: () => call<{ katas: KataSummary[] }>('GET', '/api/katas').then((r) => r.katas ?? []),
  kata: (slug: string) => call<Kata>('GET', `/api/katas/${enc(slug)}`),
  createRoom: (req: CreateRoomRequest) => call<CreateRoomResponse>('POST', '/api/rooms', req),
  room: (id: string) => call<Room>('GET', `/api/rooms/${enc(id)}`),
  join: (id: string, name: string) => call<JoinResponse>('POST', `/api/rooms/${enc(id)}/join`, { name }),
  runs: (id: string) => call<{ runs: Run[] }>('GET', `/api/rooms/${enc(id)}/runs`).then((r) => r.runs ?? []),
  run: (id: string, runId: string) => call<Run>('GET', `/api/rooms/${enc(id)}/runs/${enc(runId)}`),
  requestRun: (id: string, kind: RunKind, token: string) =>
    call<{ run_id: string; queue_position: number }>('POST', `/api/rooms/${enc(id)}/runs`, { kind }, token),
  rotation: (id: string, action: RotationAction, facilitatorToken: string) =>
    call<Rotation>('POST', `/api/rooms/${enc(id)}/rotation`, action, facilitatorToken),
}

/** ws:// or wss:// URL of a path on this host. */
export function wsUrl(path: string): string {
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${proto}//${location.host}${path}`
}

export function joinUrl(roomId: string): string {
  return `${location.origin}/r/${enc(roomId)}`
}

export function facilitatorUrl(roomId: string, token: string): string {
  return `${joinUrl(roomId)}#facilitator=${enc(token)}`
}
