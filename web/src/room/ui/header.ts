// The room page's header: brand, kata and room id, connection, alert toggles, links,
// and who this browser is (or a Join button for watchers). Built once: nothing in it
// but the connection indicator changes, and that is its own view.

import { requestNotificationPermission } from '../../alerts'
import { copyText, h, toast } from '../../dom'
import { brandLights } from '../../icons'
import { languageTitle } from '../../languages'
import { joinUrl, projectorPath } from '../../links'
import { store, type Identity } from '../../storage'
import { watchKey } from '../watch'

function alertToggles(): HTMLElement[] {
  const prefs = store.prefs()
  const sound = h('input', { type: 'checkbox', id: 'pref-sound', checked: prefs.sound, testid: 'sound-toggle' })
  const canNotify = typeof Notification !== 'undefined' && Notification.permission === 'granted'
  const notify = h('input', { type: 'checkbox', id: 'pref-notify', checked: prefs.notify && canNotify, testid: 'notify-toggle' })
  sound.addEventListener('change', () => store.setPrefs({ sound: sound.checked }))
  notify.addEventListener('change', async () => {
    if (notify.checked && !(await requestNotificationPermission())) {
      toast('Notifications are blocked by the browser for this site.', 'error')
      notify.checked = false
    }
    store.setPrefs({ notify: notify.checked })
  })
  return [
    h('label', { class: 'toggle', title: 'Beep when time is up' }, sound, ' Sound'),
    h('label', { class: 'toggle', title: 'Browser notification when time is up' }, notify, ' Notify'),
  ]
}

function identityBadge(roomId: string, me: Identity | null): HTMLElement {
  if (me) return h('span', { class: 'badge me-badge', testid: 'me' }, me.name)
  const join = () => {
    sessionStorage.removeItem(watchKey(roomId))
    location.reload()
  }
  return h('button', { type: 'button', class: 'small primary', testid: 'join-instead', onclick: join }, 'Join')
}

export function roomHeader(roomId: string, kataTitle: string | null, language: string, me: Identity | null, connection: HTMLElement): HTMLElement {
  const copyLink = async () => toast((await copyText(joinUrl(roomId))) ? 'Join link copied' : 'Could not copy the link')
  return h(
    'header',
    { class: 'site-header room-header' },
    h('a', { class: 'brand', href: '/', 'aria-label': 'Randori lobby' }, brandLights(), ' Randori'),
    h('h1', { class: 'room-title' }, h('span', { testid: 'room-kata' }, kataTitle ?? 'Free practice'), h('span', { class: 'muted mono small', testid: 'room-id' }, ` ${roomId}`),
      h('span', { class: 'badge badge-language', testid: 'room-language', dataset: { language } }, languageTitle(language)),
    ),
    connection,
    h(
      'div',
      { class: 'header-actions' },
      ...alertToggles(),
      h('button', { type: 'button', class: 'small', testid: 'copy-join-link', onclick: copyLink }, 'Copy join link'),
      h('a', { class: 'button small', href: projectorPath(roomId), target: '_blank', rel: 'noopener', testid: 'projector-link' }, 'Projector'),
      identityBadge(roomId, me),
    ),
  )
}
