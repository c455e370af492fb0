// Builders for the server's objects, with defaults a test overrides field by field.

import type { Participant, Room, Rotation, Run, Settings } from '../src/api'
import { initialRoomState, type RoomState } from '../src/room/model/state'

export const ada: Participant = { id: 'p-ada', name: 'Ada Lovelace', online: true }
export const bob: Participant = { id: 'p-bob', name: 'Bob', online: true }
export const cy: Participant = { id: 'p-cy', name: 'Cy', online: true }

export function settings(over: Partial<Settings> = {}): Settings {
  return { mode: 'strict', turn_seconds: 300, time_up: 'rotate', break_every: 0, break_seconds: 300, warning_seconds: 60, hand_on_when_away: true, test_at_turn_end: false, ...over }
}

export function rotation(over: Partial<Rotation> = {}): Rotation {
  return {
    status: 'running',
    turn: 1,
    driver: ada.id,
    navigator: bob.id,
    next: cy.id,
    queue: [ada.id, bob.id, cy.id],
    deadline_ms: null,
    remaining_ms: 0,
    server_time_ms: 1_000_000,
    order: [ada.id, bob.id, cy.id],
    paused_in: null,
    turn_started_ms: null,
    break_until_ms: null,
    warned: false,
    skipped: [],
    absent: [],
    settings: { turn_seconds: 300, warning_seconds: 60, time_up: 'rotate', break_every: 0, break_seconds: 300, hand_on_when_away: true, test_at_turn_end: false },
    ...over,
  }
}

export function room(over: Partial<Room> = {}): Room {
  return {
    id: 'room-1',
    kata: 'fizzbuzz',
    kata_title: 'FizzBuzz',
    language: 'python',
    created_at_ms: 0,
    settings: settings(),
    participants: [ada, bob, cy],
    rotation: rotation(),
    server_time_ms: 1_000_000,
    ...over,
  }
}

export function run(over: Partial<Run> = {}): Run {
  return { id: 'run-1', kind: 'test', status: 'done', requested_by: ada.id, driver: ada.id, turn: 1, created_at_ms: 100, verdict: 'passed', light: 'green', results: [], ...over }
}

/** A room state for `me` (Ada by default) with `over` applied on top. */
export function state(over: Partial<RoomState> = {}, me: string | null = ada.id): RoomState {
  return { ...initialRoomState(room(), me, true), ...over }
}

export const runsOf = (...runs: Run[]): ReadonlyMap<string, Run> => new Map(runs.map((r) => [r.id, r]))
