// Which page a path shows: "/", "/r/{id}", "/r/{id}/projector", or not found.

export type Route = { page: 'lobby' } | { page: 'room'; id: string } | { page: 'projector'; id: string } | { page: 'not-found' }

export function route(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/'
  if (path === '/' || path === '/index.html') return { page: 'lobby' }
  const m = path.match(/^\/r\/([^/]+)(\/projector)?$/)
  if (!m) return { page: 'not-found' }
  let id: string
  try {
    id = decodeURIComponent(m[1])
  } catch {
    // A malformed escape (e.g. "/r/%E0") names no room.
    return { page: 'not-found' }
  }
  return m[2] ? { page: 'projector', id } : { page: 'room', id }
}
