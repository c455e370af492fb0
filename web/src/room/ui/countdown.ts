// The turn countdown in the status bar; it flashes for three seconds on each warning.

import type { Rotation, Settings } from '../../api'
import type { Clock } from '../../clock'
import { Countdown } from '../../countdown'
import { h } from '../../dom'
import type { View } from '../../view'

export interface CountdownProps {
  rotation: Rotation
  settings: Settings
  /** Warnings received so far: a higher count than last time means flash. */
  warnings: number
}

const FLASH_MS = 3000

export function createCountdown(clock: Clock): View<CountdownProps> {
  const el = h('div', { testid: 'countdown' })
  const countdown = new Countdown(el, clock)
  let warnings = 0
  return {
    el,
    update(p: CountdownProps) {
      countdown.set(p.rotation, p.settings)
      if (p.warnings > warnings) {
        el.classList.add('flash')
        setTimeout(() => el.classList.remove('flash'), FLASH_MS)
      }
      warnings = p.warnings
    },
  }
}
