// A tiny element-creation helper: h('button', { class: 'x', onclick }, 'Label').

type Child = Node | string | number | null | undefined | false | Child[]
type Attrs = Record<string, unknown>

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag)
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue
      if (key.startsWith('on') && typeof value === 'function') {
        el.addEventListener(key.slice(2).toLowerCase(), value as EventListener)
      } else if (key === 'class') {
        el.className = String(value)
      } else if (key === 'testid') {
        el.dataset.testid = String(value)
      } else if (key === 'dataset' && typeof value === 'object') {
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
          if (v !== undefined && v !== null) el.dataset[k] = String(v)
        }
      } else if (key === 'style' && typeof value === 'object') {
        Object.assign(el.style, value)
      } else if (key in el && typeof value !== 'string' && key !== 'list') {
        ;(el as unknown as Record<string, unknown>)[key] = value
      } else if (value === true) {
        el.setAttribute(key, '')
      } else {
        el.setAttribute(key, String(value))
      }
    }
  }
  append(el, children)
  return el
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue
    if (Array.isArray(child)) append(parent, child)
    else if (child instanceof Node) parent.appendChild(child)
    else parent.appendChild(document.createTextNode(String(child)))
  }
}

/** Replace all children of `el`. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren()
  append(el, children)
}

export function byTestId<T extends HTMLElement = HTMLElement>(root: ParentNode, id: string): T | null {
  return root.querySelector<T>(`[data-testid="${id}"]`)
}

/** "Ada Lovelace" → "AL", "bob" → "B". */
export function initials(name: string | null | undefined): string {
  if (!name) return '?'
  const parts = name.trim().split(/\s+/).filter(Boolean)
  if (parts.length === 0) return '?'
  if (parts.length === 1) return [...parts[0]].slice(0, 2).join('').toUpperCase()
  return ([...parts[0]][0] + [...parts[parts.length - 1]][0]).toUpperCase()
}

/** A stable, readable colour for a participant id or name. */
export function colourFor(key: string): { color: string; colorLight: string } {
  let hash = 0
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) | 0
  const palette = ['#d1242f', '#0969da', '#1a7f37', '#8250df', '#bc4c00', '#bf3989', '#0a7b83', '#6e40c9', '#9a6700', '#cf222e']
  const color = palette[Math.abs(hash) % palette.length]
  return { color, colorLight: color + '33' }
}

/** Announce a message to screen readers and show it briefly as a toast. */
export function toast(message: string, kind: 'info' | 'error' | 'success' = 'info'): void {
  let region = document.getElementById('toasts')
  if (!region) {
    region = h('div', { id: 'toasts', class: 'toasts', role: 'status', 'aria-live': 'polite', testid: 'toasts' })
    document.body.appendChild(region)
  }
  const item = h('div', { class: `toast toast-${kind}`, testid: 'toast', dataset: { kind } }, message)
  region.appendChild(item)
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 4000)
}

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    // Clipboard API needs a secure context; fall back to a hidden textarea.
    const ta = h('textarea', { class: 'visually-hidden', 'aria-hidden': 'true' })
    ta.value = text
    document.body.appendChild(ta)
    ta.select()
    let ok = false
    try {
      ok = document.execCommand('copy')
    } catch {
      ok = false
    }
    ta.remove()
    return ok
  }
}

export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const m = Math.floor(total / 60)
  const s = total % 60
  return `${m}:${String(s).padStart(2, '0')}`
}
