// Keyed rendering: update lists in place, reusing each item's DOM nodes by key, so a
// re-render does not recreate (and so blur) the button someone is on.

export interface Keyed<T> {
  el: Node
  update(item: T): void
}

/**
 * Make `parent`'s children exactly `nodes`, in order, touching only those out of place.
 * Moving a node blurs it in browsers, so focus inside `parent` is put back afterwards.
 */
export function placeChildren(parent: Element, nodes: readonly Node[]): void {
  const focused = document.activeElement
  const hadFocus = focused instanceof HTMLElement && parent.contains(focused)
  let cursor = parent.firstChild
  for (const node of nodes) {
    if (node === cursor) cursor = cursor.nextSibling
    else parent.insertBefore(node, cursor)
  }
  while (cursor) {
    const next: ChildNode | null = cursor.nextSibling
    parent.removeChild(cursor)
    cursor = next
  }
  if (hadFocus && focused.isConnected && document.activeElement !== focused) focused.focus({ preventScroll: true })
}

/**
 * A list whose items are views created once per key and updated afterwards; items whose
 * key is gone are dropped. `empty` is shown when there are no items.
 */
export function keyedList<T>(parent: Element, keyOf: (item: T) => string, create: (item: T) => Keyed<T>, empty?: Node) {
  const views = new Map<string, Keyed<T>>()
  return (items: readonly T[]): void => {
    const seen = new Set<string>()
    const nodes: Node[] = []
    for (const item of items) {
      const key = keyOf(item)
      let view = views.get(key)
      if (!view) {
        view = create(item)
        views.set(key, view)
      }
      view.update(item)
      seen.add(key)
      nodes.push(view.el)
    }
    for (const key of [...views.keys()]) if (!seen.has(key)) views.delete(key)
    placeChildren(parent, nodes.length === 0 && empty ? [empty] : nodes)
  }
}
