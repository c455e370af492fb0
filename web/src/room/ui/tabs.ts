// The file tabs (solution.py and test_solution.py, or solution.js and solution.test.js)
// with dots for the remote cursors in each.
// An ARIA tab list: arrows, Home and End move between tabs.

import { h, replace } from '../../dom'
import { fileNames, type Language } from '../../languages'
import { TEXT_NAMES, type TextName } from '../../texts'
import type { View } from '../../view'
import { presenceByTab } from '../model/follow'
import { tabForKey } from '../model/tab-keys'
import type { PresenceEntry } from '../model/state'

export interface TabsProps {
  activeTab: TextName
  presence: readonly PresenceEntry[]
  /** The room's language: the file names. */
  language: Language
}

export function createTabs(onSelect: (tab: TextName) => void): View<TabsProps> {
  const buttons = {} as Record<TextName, HTMLButtonElement>
  const dots = {} as Record<TextName, HTMLElement>
  const labels = {} as Record<TextName, HTMLElement>
  const el = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Files' })
  for (const name of TEXT_NAMES) {
    dots[name] = h('span', { class: 'tab-presence', testid: `tab-presence-${name}` })
    labels[name] = h('span', { class: 'tab-label', testid: `tab-label-${name}` })
    const attrs = { type: 'button', role: 'tab', id: `tab-${name}`, class: 'tab', testid: `tab-${name}`, 'aria-controls': `panel-${name}` }
    buttons[name] = h('button', { ...attrs, onclick: () => onSelect(name) }, labels[name], dots[name])
    el.appendChild(buttons[name])
  }
  let active: TextName = 'solution'
  el.addEventListener('keydown', (e) => {
    const next = tabForKey(e.key, active)
    if (!next) return
    e.preventDefault()
    onSelect(next)
    buttons[next].focus()
  })
  const dot = (p: PresenceEntry) => h('span', { class: 'presence-dot', style: { backgroundColor: p.color }, title: `${p.name} is here` }, h('span', { class: 'visually-hidden' }, `${p.name} is here`))
  return {
    el,
    update(p: TabsProps) {
      active = p.activeTab
      const byTab = presenceByTab(p.presence)
      const files = fileNames(p.language)
      for (const n of TEXT_NAMES) {
        buttons[n].setAttribute('aria-selected', String(n === active))
        buttons[n].tabIndex = n === active ? 0 : -1
        replace(dots[n], byTab[n].map(dot))
        if (labels[n].textContent !== files[n]) labels[n].textContent = files[n]
      }
    },
  }
}
