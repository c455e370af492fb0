// Everything this browser remembers, in localStorage under "randori.*".

import { facilitatorTokenFromHash } from './links'
import { clampZoom, type ZoomView } from './zoom'

const PREFIX = 'randori.'

function read<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(PREFIX + key)
    return raw === null ? fallback : (JSON.parse(raw) as T)
  } catch {
    return fallback
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null || value === undefined) localStorage.removeItem(PREFIX + key)
    else localStorage.setItem(PREFIX + key, JSON.stringify(value))
  } catch {
    // Private mode or full storage: the page still works, it just forgets.
  }
}

export interface Identity {
  participant_id: string
  token: string
  name: string
}

export interface RecentRoom {
  id: string
  kata: string | null
  kata_title: string | null
  /** The room's language; missing in entries stored before rooms had one. */
  language?: string
  visited_at_ms: number
}

export interface Prefs {
  sound: boolean
  notify: boolean
  followDriver: boolean
}

const MAX_RECENT = 12

export const store = {
  name: (): string => read<string>('name', ''),
  setName: (name: string) => write('name', name),

  identity: (roomId: string): Identity | null => read<Identity | null>(`room.${roomId}`, null),
  setIdentity: (roomId: string, id: Identity | null) => write(`room.${roomId}`, id),

  facilitatorToken: (roomId: string): string | null => read<string | null>(`facilitator.${roomId}`, null),
  setFacilitatorToken: (roomId: string, token: string | null) => write(`facilitator.${roomId}`, token),

  recent: (): RecentRoom[] => read<RecentRoom[]>('recent', []),
  addRecent: (room: Omit<RecentRoom, 'visited_at_ms'>) => {
    const list = store.recent().filter((r) => r.id !== room.id)
    list.unshift({ ...room, visited_at_ms: Date.now() })
    write('recent', list.slice(0, MAX_RECENT))
  },
  removeRecent: (id: string) =>
    write(
      'recent',
      store.recent().filter((r) => r.id !== id),
    ),

  /** The language last chosen in the lobby's create form. */
  language: (): string | null => read<string | null>('language', null),
  setLanguage: (language: string) => write('language', language),

  prefs: (): Prefs => ({ sound: true, notify: true, followDriver: true, ...read<Partial<Prefs>>('prefs', {}) }),
  setPrefs: (p: Partial<Prefs>) => write('prefs', { ...store.prefs(), ...p }),

  /** The code zoom of the room page or the projector, each remembered apart. */
  zoom: (view: ZoomView): number => clampZoom(read<unknown>(`zoom.${view}`, 1)),
  setZoom: (view: ZoomView, zoom: number) => write(`zoom.${view}`, zoom),
}

/** Pick up `#facilitator=<token>` from the address, store it and clean the address. */
export function captureFacilitatorHash(roomId: string): void {
  const token = facilitatorTokenFromHash(location.hash)
  if (token) {
    store.setFacilitatorToken(roomId, token)
    history.replaceState(null, '', location.pathname + location.search)
  }
}
