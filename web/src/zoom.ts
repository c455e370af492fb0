// Zoom of the code (room editor and projector): the steps, the keys, the label. Pure.
// The code is what people at the back of a room must read; browser zoom would scale
// the whole page (and the projector's countdown off the screen), so the page zooms
// only its code, and remembers it per view (storage.ts).

export type ZoomView = 'room' | 'projector'

export const ZOOM_STEPS = [0.75, 0.85, 1, 1.15, 1.3, 1.5, 1.75, 2, 2.5, 3] as const
export const DEFAULT_ZOOM = 1

/** The nearest step to `z` (a stored value may be anything). */
export function clampZoom(z: unknown): number {
  if (typeof z !== 'number' || !Number.isFinite(z)) return DEFAULT_ZOOM
  let best: number = ZOOM_STEPS[0]
  for (const s of ZOOM_STEPS) if (Math.abs(s - z) < Math.abs(best - z)) best = s
  return best
}

export function zoomIn(z: number): number {
  const i = ZOOM_STEPS.indexOf(clampZoom(z) as (typeof ZOOM_STEPS)[number])
  return ZOOM_STEPS[Math.min(ZOOM_STEPS.length - 1, i + 1)]
}

export function zoomOut(z: number): number {
  const i = ZOOM_STEPS.indexOf(clampZoom(z) as (typeof ZOOM_STEPS)[number])
  return ZOOM_STEPS[Math.max(0, i - 1)]
}

export type ZoomCommand = 'in' | 'out' | 'reset'

/**
 * Ctrl/Cmd with '+' (or '=', its unshifted key), '-' or '0'; null for anything else.
 * Alt is left alone: AltGr layouts type characters with it.
 */
export function zoomKey(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }): ZoomCommand | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null
  if (e.key === '+' || e.key === '=') return 'in'
  if (e.key === '-' || e.key === '_') return 'out'
  if (e.key === '0') return 'reset'
  return null
}

export function applyZoom(z: number, cmd: ZoomCommand): number {
  return cmd === 'in' ? zoomIn(z) : cmd === 'out' ? zoomOut(z) : DEFAULT_ZOOM
}

/** "125%". */
export function zoomLabel(z: number): string {
  return `${Math.round(z * 100)}%`
}
