// The live turn countdown element: countdownView() rendered four times a second.

import type { Rotation, Settings } from './api'
import type { Clock } from './clock'
import { countdownView } from './countdown-view'

/** Renders a live countdown into an element; call set() whenever the rotation changes. */
export class Countdown {
  private rot: Rotation | null = null
  private settings: Settings | null = null
  private timer: ReturnType<typeof setInterval>
  private readonly timeEl: HTMLElement
  private readonly captionEl: HTMLElement
  private lastText = ''

  constructor(
    private readonly el: HTMLElement,
    private readonly clock: Clock,
  ) {
    el.classList.add('countdown')
    el.setAttribute('role', 'timer')
    el.setAttribute('aria-live', 'off')
    el.setAttribute('aria-atomic', 'true')
    this.timeEl = document.createElement('span')
    this.timeEl.className = 'countdown-time'
    this.timeEl.dataset.testid = 'countdown-time'
    this.captionEl = document.createElement('span')
    this.captionEl.className = 'countdown-caption'
    this.captionEl.dataset.testid = 'countdown-caption'
    el.replaceChildren(this.timeEl, this.captionEl)
    this.timer = setInterval(() => this.render(), 250)
    this.render()
  }

  set(rot: Rotation | null, settings: Settings | null): void {
    this.rot = rot
    this.settings = settings
    this.render()
  }

  render(): void {
    const v = countdownView(this.rot, this.settings, this.clock)
    this.el.dataset.state = v.state
    this.el.dataset.remainingMs = v.remainingMs == null ? '' : String(v.remainingMs)
    if (v.text !== this.lastText) {
      this.timeEl.textContent = v.text
      this.lastText = v.text
    }
    if (this.captionEl.textContent !== v.caption) this.captionEl.textContent = v.caption
    this.el.setAttribute('aria-label', `${v.text} ${v.caption}`)
  }

  destroy(): void {
    clearInterval(this.timer)
  }
}
