// The role banner: "You are driving. Type what Bob suggests." with a role pill.

import { h } from '../../dom'
import type { View } from '../../view'
import type { BannerView } from '../model/banner'

export function createBanner(): View<BannerView> {
  const pill = h('span', { class: 'role-pill', 'aria-hidden': 'true' })
  const text = h('span', { class: 'role-text', testid: 'role-text' })
  const el = h('div', { class: 'role-banner', testid: 'role-banner', role: 'status', 'aria-live': 'polite' }, pill, text)
  return {
    el,
    // connect() only calls this when the words changed, so the live region speaks once.
    update(v: BannerView) {
      el.dataset.role = v.role
      el.dataset.status = v.status
      pill.textContent = v.pill
      text.textContent = v.text
    },
  }
}
