// Entry point: route location.pathname (routes.ts) to the lobby, a room, a projector or
// the not-found page.

import './styles.css'
import { h, replace } from './dom'
import { pageHeader, renderLobby } from './lobby'
import { renderProjector } from './projector'
import { renderRoom } from './room/page'
import { route } from './routes'

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
