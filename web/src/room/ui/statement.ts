// The kata statement pane and the button in the editor toolbar that hides it.

import { h, replace } from '../../dom'
import { icon } from '../../icons'
import type { View } from '../../view'

export interface StatementProps {
  hidden: boolean
}

/** The pane; its body is filled by statement.ts loadStatement(). */
export function createStatementPane(): View<StatementProps> & { body: HTMLElement } {
  const body = h('div', { class: 'statement', testid: 'statement' })
  // tabindex: the pane scrolls, so keyboard users must be able to focus it.
  const el = h('aside', { class: 'pane statement-pane', 'aria-label': 'Kata statement', id: 'statement-pane', tabIndex: 0 }, body)
  return {
    el,
    body,
    update(p: StatementProps) {
      el.hidden = p.hidden
    },
  }
}

export function createStatementToggle(onToggle: (hidden: boolean) => void): View<StatementProps> {
  let hidden = false
  const el = h(
    'button',
    { type: 'button', class: 'small statement-toggle', testid: 'statement-toggle', 'aria-controls': 'statement-pane', onclick: () => onToggle(!hidden) },
    '',
  )
  const update = (p: StatementProps) => {
    hidden = p.hidden
    el.setAttribute('aria-expanded', String(!hidden))
    replace(el, icon(hidden ? 'chevron-right' : 'chevron-left'), 'Statement')
    el.title = hidden ? 'Show the kata statement' : 'Hide the kata statement'
  }
  update({ hidden })
  return { el, update }
}
