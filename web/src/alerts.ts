// Time-up alerts: a WebAudio beep and a browser notification, each switchable.

import { store } from './storage'

let ctx: AudioContext | null = null

/** Browsers only let audio start after a user gesture: unlock on the first one. */
export function unlockAudioOnGesture(): void {
  const unlock = () => {
    try {
      ctx ??= new AudioContext()
      if (ctx.state === 'suspended') void ctx.resume()
    } catch {
      /* no audio */
    }
    window.removeEventListener('pointerdown', unlock)
    window.removeEventListener('keydown', unlock)
  }
  window.addEventListener('pointerdown', unlock)
  window.addEventListener('keydown', unlock)
}

/** Three short beeps (880 Hz, then a higher last one). */
export function beep(): void {
  try {
    ctx ??= new AudioContext()
    if (ctx.state === 'suspended') void ctx.resume()
    const start = ctx.currentTime + 0.02
    for (let i = 0; i < 3; i++) {
      const osc = ctx.createOscillator()
      const gain = ctx.createGain()
      osc.type = 'sine'
      osc.frequency.value = i === 2 ? 1320 : 880
      const t = start + i * 0.22
      gain.gain.setValueAtTime(0.0001, t)
      gain.gain.exponentialRampToValueAtTime(0.25, t + 0.02)
      gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.18)
      osc.connect(gain).connect(ctx.destination)
      osc.start(t)
      osc.stop(t + 0.2)
    }
  } catch {
    /* no audio available */
  }
}

export function notificationsSupported(): boolean {
  return typeof Notification !== 'undefined'
}

/** Ask for permission (must be called from a user gesture). */
export async function requestNotificationPermission(): Promise<boolean> {
  if (!notificationsSupported()) return false
  if (Notification.permission === 'granted') return true
  if (Notification.permission === 'denied') return false
  try {
    return (await Notification.requestPermission()) === 'granted'
  } catch {
    return false
  }
}

export function notify(title: string, body: string): void {
  if (!notificationsSupported() || Notification.permission !== 'granted') return
  try {
    const n = new Notification(title, { body, tag: 'randori-time-up' })
    n.onclick = () => {
      window.focus()
      n.close()
    }
  } catch {
    /* some browsers only allow notifications from a service worker */
  }
}

export function alertTimeUp(title: string, body: string): void {
  const prefs = store.prefs()
  if (prefs.sound) beep()
  if (prefs.notify) notify(title, body)
}
