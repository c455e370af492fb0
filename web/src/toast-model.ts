// The toast stack as data: repeats collapse into one toast with a count, at most two
// show, each for a while after its last repeat. Pure (time is a parameter); dom.ts
// draws it. Four stacked toasts covered the results and cut error text off.

export type ToastKind = 'info' | 'error' | 'success'

export interface ToastItem {
  id: number
  message: string
  kind: ToastKind
  /** How many times it was said while shown: "×3". */
  count: number
  /** When it goes (ms, same clock as `now`). */
  until: number
}

export const MAX_VISIBLE = 2

export function toastDuration(kind: ToastKind): number {
  return kind === 'error' ? 8000 : 4000
}

/**
 * `list` with `message` said at `now`: a toast already showing the same words (and
 * kind) counts one more and stays longer, and moves to the newest place; otherwise a
 * new toast. The oldest beyond MAX_VISIBLE are dropped, not queued: a toast that has
 * waited behind others is stale news.
 */
export function pushToast(list: readonly ToastItem[], message: string, kind: ToastKind, now: number, id: number): ToastItem[] {
  const live = expireToasts(list, now)
  const same = live.find((t) => t.message === message && t.kind === kind)
  const until = now + toastDuration(kind)
  const next = same
    ? [...live.filter((t) => t !== same), { ...same, count: same.count + 1, until }]
    : [...live, { id, message, kind, count: 1, until }]
  return next.slice(-MAX_VISIBLE)
}

export function expireToasts(list: readonly ToastItem[], now: number): ToastItem[] {
  return list.filter((t) => t.until > now)
}

/** "×3" after a repeat; nothing for a first time. */
export function countLabel(t: ToastItem): string {
  return t.count > 1 ? `×${t.count}` : ''
}

/** When the next toast goes, or null when none is left. */
export function nextExpiry(list: readonly ToastItem[]): number | null {
  return list.length ? Math.min(...list.map((t) => t.until)) : null
}
