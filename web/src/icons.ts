// Inline SVG icons. The page uses no emoji or dingbat characters: a machine without an
// emoji font (a projector's PC, a minimal Linux) shows them as empty boxes, while an
// SVG path draws the same everywhere and takes the text colour (currentColor).

const SVG_NS = 'http://www.w3.org/2000/svg'

/** 24×24 paths; stroked unless the name is in FILLED. */
const PATHS = {
  check: 'M5 12.5l4.5 4.5L19 7.5',
  cross: 'M6.5 6.5l11 11M17.5 6.5l-11 11',
  warning: 'M12 3.5L21.5 20H2.5z M12 9.5v5 M12 17.3v.2',
  clock: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z M12 7v5l3.5 2',
  hourglass: 'M7 3h10 M7 21h10 M8 3v3.5l4 5.5-4 5.5V21 M16 3v3.5l-4 5.5 4 5.5V21',
  play: 'M8 5v14l11-7z',
  star: 'M12 2.8l2.8 5.8 6.3.9-4.6 4.4 1.1 6.3L12 17.2l-5.6 3 1.1-6.3L2.9 9.5l6.3-.9z',
  'chevron-left': 'M15 5l-7 7 7 7',
  'chevron-right': 'M9 5l7 7-7 7',
  plus: 'M12 5v14 M5 12h14',
  minus: 'M5 12h14',
  circle: 'M12 5a7 7 0 1 0 0 14a7 7 0 1 0 0-14z',
  dots: 'M5 12h.01 M12 12h.01 M19 12h.01',
  keyboard: 'M3 6h18v12H3z M7 10h.01 M11 10h.01 M15 10h.01 M8 14h8',
} as const

export type IconName = keyof typeof PATHS

const FILLED: ReadonlySet<IconName> = new Set(['play', 'star'])

/** A decorative <svg> (aria-hidden, never focused) of `width` x 1em. */
function decorativeSvg(viewBox: string, width: string, cls: string): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg')
  svg.setAttribute('viewBox', viewBox)
  svg.setAttribute('width', width)
  svg.setAttribute('height', '1em')
  svg.setAttribute('aria-hidden', 'true')
  svg.setAttribute('focusable', 'false')
  svg.setAttribute('class', cls)
  return svg
}

/** An icon for decoration next to text (aria-hidden: the text says it). */
export function icon(name: IconName, extraClass = ''): SVGSVGElement {
  const svg = decorativeSvg('0 0 24 24', '1em', `icon icon-${name}${extraClass ? ` ${extraClass}` : ''}`)
  svg.dataset.icon = name
  const path = document.createElementNS(SVG_NS, 'path')
  path.setAttribute('d', PATHS[name])
  if (FILLED.has(name)) {
    path.setAttribute('fill', 'currentColor')
  } else {
    path.setAttribute('fill', 'none')
    path.setAttribute('stroke', 'currentColor')
    // The dots are zero-length segments: a thick round cap draws them.
    path.setAttribute('stroke-width', name === 'dots' ? '4' : '2.5')
    path.setAttribute('stroke-linecap', 'round')
    path.setAttribute('stroke-linejoin', 'round')
  }
  svg.appendChild(path)
  return svg
}

/** The brand's three traffic lights (red, amber, green), drawn rather than typed. */
export function brandLights(): SVGSVGElement {
  const svg = decorativeSvg('0 0 36 12', '3em', 'brand-lights')
  ;['#ff6b6b', '#f5c542', '#3fb950'].forEach((fill, i) => {
    const c = document.createElementNS(SVG_NS, 'circle')
    c.setAttribute('cx', String(6 + i * 12))
    c.setAttribute('cy', '6')
    c.setAttribute('r', '5')
    c.setAttribute('fill', fill)
    svg.appendChild(c)
  })
  return svg
}
