// Keyboard moves in the file tab list, as the ARIA tabs pattern has them (wrapping).

import { TEXT_NAMES, type TextName } from '../../texts'

/** The tab an arrow, Home or End key leads to from `current`; null for other keys. */
export function tabForKey(key: string, current: TextName): TextName | null {
  const n = TEXT_NAMES.length
  const i = TEXT_NAMES.indexOf(current)
  if (key === 'Home') return TEXT_NAMES[0]
  if (key === 'End') return TEXT_NAMES[n - 1]
  if (key === 'ArrowRight') return TEXT_NAMES[(i + 1) % n]
  if (key === 'ArrowLeft') return TEXT_NAMES[(i + n - 1) % n]
  return null
}
