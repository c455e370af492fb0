// The component shape used by the room page (after facilitator.ts): a function builds
// its DOM once and returns { el, update(props) }; update() patches that DOM in place.

export interface View<P> {
  el: HTMLElement
  update(props: P): void
}

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && [Object.prototype, null].includes(Object.getPrototypeOf(v))

/**
 * Same own keys with Object.is-equal values (one level deep). Only plain objects are
 * compared by content: two Maps have no own keys, yet may differ.
 */
export function shallowEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true
  if (!isPlain(a) || !isPlain(b)) return false
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  if (ka.length !== kb.length) return false
  const ra = a as Record<string, unknown>
  const rb = b as Record<string, unknown>
  return ka.every((k) => Object.prototype.hasOwnProperty.call(rb, k) && Object.is(ra[k], rb[k]))
}

/**
 * Feed a view the slice of the state it reads, and only when that slice changed. The
 * reducer keeps unchanged parts of the state identical, so a presence blip does not
 * rebuild the results panel (and close the <details> someone opened).
 */
export function connect<S, P>(view: View<P>, select: (state: S) => P): View<S> {
  let last: { props: P } | null = null
  return {
    el: view.el,
    update(state: S) {
      const props = select(state)
      if (last && shallowEqual(last.props, props)) return
      last = { props }
      view.update(props)
    },
  }
}
