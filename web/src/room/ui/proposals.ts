// Above the editors: kept offline edits with Apply / Discard (model/proposals.ts
// decides who sees what).

import { h, replace } from '../../dom'
import type { View } from '../../view'
import type { ProposalRow } from '../model/proposals'

export interface ProposalCallbacks {
  decide(id: string, decision: 'apply' | 'discard'): void
}

export function createProposals(cb: ProposalCallbacks): View<{ rows: ProposalRow[] }> {
  const el = h('section', { class: 'proposals', testid: 'proposals', 'aria-label': 'Offline edits', hidden: true })
  let shown = ''
  return {
    el,
    update({ rows }) {
      const key = JSON.stringify(rows)
      if (key === shown) return
      shown = key
      el.hidden = rows.length === 0
      const button = (row: ProposalRow, decision: 'apply' | 'discard', label: string) =>
        h('button', { type: 'button', class: decision === 'apply' ? 'small primary' : 'small', testid: `proposal-${decision}`, onclick: () => cb.decide(row.id, decision) }, label)
      replace(
        el,
        ...rows.map((row) =>
          h(
            'div',
            { class: 'proposal', testid: 'proposal', 'data-proposal-id': row.id },
            h('span', { class: 'proposal-text', testid: 'proposal-text' }, row.text),
            row.canApply ? button(row, 'apply', 'Apply') : null,
            row.canDiscard ? button(row, 'discard', 'Discard') : null,
          ),
        ),
      )
    },
  }
}
