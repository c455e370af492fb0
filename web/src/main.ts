// Entry point and router: "/", "/r/{id}", "/r/{id}/projector".

import './styles.css'
import { h, replace } from './dom'
import { pageHeader, renderLobby } from './lobby'
import { renderProjector } from './projector'
import { renderRoom } from './room'

export type Route = { page: 'lobby' } | { page: 'room'; id: string } | { page: 'projector'; id: string } | { page: 'not-found' }

export function route(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/'
  if (path === '/' || path === '/index.html') return { page: 'lobby' }
  const m = path.match(/^\/r\/([^/]+)(\/projector)?$/)
  if (m) {
    let id: string
    try {
      id = decodeURIComponent(m[1])
    } catch {
      return { page: 'not-found' }
    }
    return m[2] ? { page: 'projector', id } : { page: 'room', id }
  }
  return { page: 'not-found' }
}

function renderNotFound(app: HTMLElement): void {
  document.title = 'Not found · Randori'
  replace(
    app,
    pageHeader(),
    h(
      'main',
      { id: 'main', class: 'centered' },
      h(
        'section',
        { class: 'card notice', testid: 'not-found' },
        h('h1', null, 'Page not found'),
        h('p', null, h('a', { href: '/', class: 'button primary' }, 'Go to the lobby')),
      ),
    ),
  )
}

const app = document.getElementById('app')!
const r = route(location.pathname)
switch (r.page) {
  case 'lobby':
    renderLobby(app)
    break
  case 'room':
    void renderRoom(app, r.id)
    break
  case 'projector':
    void renderProjector(app, r.id)
    break
  default:
    renderNotFound(app)
}
