// The session's traffic-light strip (pick a light to see that run) and the results panel.

import type { Participant, Run } from '../../api'
import { h } from '../../dom'
import type { Language } from '../../languages'
import { renderLights, renderResults } from '../../lights'
import type { View } from '../../view'
import { namesOf } from '../model/names'

export interface LightStripProps {
  runs: ReadonlyMap<string, Run>
  selectedId: string | null
  /** For the drivers' names and initials. */
  participants: readonly Participant[]
}

export function createLightStrip(onSelect: (run: Run) => void): View<LightStripProps> {
  const el = h('ol', { class: 'light-strip', testid: 'light-strip', 'aria-label': 'Traffic lights of this session' })
  return {
    el,
    update(p: LightStripProps) {
      renderLights(el, [...p.runs.values()], namesOf(p.participants), { selectedId: p.selectedId, onSelect })
    },
  }
}

export interface ResultsProps {
  run: Run | null
  latest: boolean
  entry: string | null
  /** The room's language: how method names in case inputs are spelled. */
  language: Language
  participants: readonly Participant[]
}

export function createResults(): View<ResultsProps> {
  // tabindex -1: picking a light moves focus here, so screen readers read the result.
  const el = h('section', { class: 'results', testid: 'results', 'aria-label': 'Test results', tabIndex: -1 })
  return {
    el,
    update(p: ResultsProps) {
      renderResults(el, p.run, namesOf(p.participants), p.latest, p.entry, p.language)
    },
  }
}
