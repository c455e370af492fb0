// Pure text helpers shared by every page: clock digits, initials, participant colours.
// No DOM here, so they run (and are tested) under plain Node.

/** 65 000 ms → "1:05". Rounds up, so a turn shows "0:01" until it is really over. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const m = Math.floor(total / 60)
  const s = total % 60
  return `${m}:${String(s).padStart(2, '0')}`
}

/** "Ada Lovelace" → "AL", "bob" → "BO". Spread by code point so emoji stay whole. */
export function initials(name: string | null | undefined): string {
  if (!name) return '?'
  const parts = name.trim().split(/\s+/).filter(Boolean)
  if (parts.length === 0) return '?'
  if (parts.length === 1) return [...parts[0]].slice(0, 2).join('').toUpperCase()
  return ([...parts[0]][0] + [...parts[parts.length - 1]][0]).toUpperCase()
}

const PALETTE = ['#d1242f', '#0969da', '#1a7f37', '#8250df', '#bc4c00', '#bf3989', '#0a7b83', '#6e40c9', '#9a6700', '#cf222e']

/** A stable, readable colour for a participant id or name (the same in every browser). */
export function colourFor(key: string): { color: string; colorLight: string } {
  let hash = 0
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) | 0
  const color = PALETTE[Math.abs(hash) % PALETTE.length]
  return { color, colorLight: color + '33' }
}
