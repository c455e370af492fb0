// Room addresses: the paths and links the client builds, and the ones people paste in.
// The origin is a parameter (defaulting to this page's) so the functions stay pure.

const enc = encodeURIComponent

export function roomPath(roomId: string): string {
  return `/r/${enc(roomId)}`
}

export function projectorPath(roomId: string): string {
  return `${roomPath(roomId)}/projector`
}

export function joinUrl(roomId: string, origin: string = location.origin): string {
  return `${origin}${roomPath(roomId)}`
}

/**
 * The join link as the projector writes it: without "http://" or "https://", which
 * browsers add themselves, so it fits on one line. The QR code keeps the whole URL.
 */
export function shortJoinText(url: string): string {
  return url.replace(/^https?:\/\//, '')
}

/** The join link plus the token in the fragment, which browsers never send to a server. */
export function facilitatorUrl(roomId: string, token: string, origin: string = location.origin): string {
  return `${joinUrl(roomId, origin)}#facilitator=${enc(token)}`
}

/** ws:// or wss:// URL of a path on this host: wss exactly when the page is https. */
export function wsUrl(path: string, loc: { protocol: string; host: string } = location): string {
  const proto = loc.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${proto}//${loc.host}${path}`
}

/** Accept a room id or any link containing /r/{id}; null when it cannot be a room id. */
export function parseRoomRef(input: string): string | null {
  const text = input.trim()
  if (!text) return null
  const m = text.match(/\/r\/([^/?#\s]+)/)
  let id: string
  try {
    id = m ? decodeURIComponent(m[1]) : text
  } catch {
    return null
  }
  return /^[A-Za-z0-9_-]{1,128}$/.test(id) ? id : null
}

/** The facilitator token in a `#facilitator=<token>` fragment, or null. */
export function facilitatorTokenFromHash(hash: string): string | null {
  const body = hash.replace(/^#/, '')
  if (!body) return null
  return new URLSearchParams(body).get('facilitator') || null
}
