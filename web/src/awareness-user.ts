// What another client's awareness state may put on our page. Awareness is whatever a
// peer chose to send (the server relays it, and may filter it too): a name is only ever
// shown as text, and a colour only reaches a style when it is a plain #rrggbb.
// Pure: no DOM, unit tested.

export const FALLBACK_COLOUR = '#6e7781'
const MAX_NAME = 40

/** `c` when it is exactly #rrggbb, else the fallback: nothing else goes into a style. */
export function safeColour(c: unknown, fallback: string = FALLBACK_COLOUR): string {
  return typeof c === 'string' && /^#[0-9a-fA-F]{6}$/.test(c) ? c : fallback
}

/**
 * The name to show: a string, without control or format characters (a U+2060 word
 * joiner, a bidi override), spaces collapsed, at most 40 characters; '?' when nothing
 * is left.
 */
export function safeName(n: unknown): string {
  if (typeof n !== 'string') return '?'
  const clean = n
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
  const chars = [...clean]
  const name = chars.length > MAX_NAME ? `${chars.slice(0, MAX_NAME - 1).join('')}…` : clean
  return name || '?'
}

export interface RemoteUser {
  id: string | null
  name: string
  color: string
  /** The selection tint: the colour at 20% opacity (#rrggbb33). */
  colorLight: string
}

/** The `user` field of an awareness state, made safe to show. */
export function remoteUser(state: unknown): RemoteUser | null {
  const user = (state as { user?: unknown } | null)?.user
  if (!user || typeof user !== 'object') return null
  const u = user as Record<string, unknown>
  const color = safeColour(u.color)
  return { id: typeof u.id === 'string' ? u.id : null, name: safeName(u.name), color, colorLight: `${color}33` }
}
