// A tiny element-creation helper: h('button', { class: 'x', onclick }, 'Label'); toasts.

import { placeChildren } from './keyed'
import { countLabel, expireToasts, nextExpiry, pushToast, type ToastItem, type ToastKind } from './toast-model'

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

// The toast stack (toast-model.ts): repeats collapse ("×3"), two at most, kept in a
// top corner away from the results panel.
let toasts: ToastItem[] = []
let toastId = 0
let toastTimer: ReturnType<typeof setTimeout> | null = null
const toastViews = new Map<number, { el: HTMLElement; count: HTMLElement }>()

function toastRegion(): HTMLElement {
  let region = document.getElementById('toasts')
  if (!region) {
    region = h('div', { id: 'toasts', class: 'toasts', role: 'status', 'aria-live': 'polite', testid: 'toasts' })
    document.body.appendChild(region)
  }
  return region
}

function drawToasts(): void {
  const region = toastRegion()
  const nodes: HTMLElement[] = []
  for (const t of toasts) {
    let view = toastViews.get(t.id)
    if (!view) {
      const count = h('span', { class: 'toast-count', testid: 'toast-count' })
      view = { el: h('div', { class: `toast toast-${t.kind}`, testid: 'toast', dataset: { kind: t.kind } }, h('span', { class: 'toast-text' }, t.message), count), count }
      toastViews.set(t.id, view)
    }
    const label = countLabel(t)
    if (view.count.textContent !== label) view.count.textContent = label
    view.el.dataset.count = String(t.count)
    nodes.push(view.el)
  }
  for (const id of [...toastViews.keys()]) if (!toasts.some((t) => t.id === id)) toastViews.delete(id)
  placeChildren(region, nodes)
  if (toastTimer) clearTimeout(toastTimer)
  const next = nextExpiry(toasts)
  toastTimer = next === null ? null : setTimeout(() => ((toasts = expireToasts(toasts, Date.now())), drawToasts()), Math.max(0, next - Date.now()) + 20)
}

/** Announce a message to screen readers and show it briefly as a toast. */
export function toast(message: string, kind: ToastKind = 'info'): void {
  toasts = pushToast(toasts, message, kind, Date.now(), ++toastId)
  drawToasts()
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
