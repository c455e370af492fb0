// A minimal store: one state object, changed only by dispatching actions through a
// pure reducer; every subscriber hears about each change. This is the room page's one
// render path: no code paints the page except from a state that came out of here.

export type Reducer<S, A> = (state: S, action: A) => S
export type Listener<S> = (state: S, previous: S) => void

export interface Store<S, A> {
  getState(): S
  dispatch(action: A): void
  subscribe(listener: Listener<S>): () => void
}

export function createStore<S, A>(initial: S, reduce: Reducer<S, A>): Store<S, A> {
  let state = initial
  const listeners = new Set<Listener<S>>()
  const queue: A[] = []
  let busy = false
  const dispatch = (action: A) => {
    queue.push(action)
    // A listener that dispatches (a toast handler, a focus change) is queued rather than
    // run inside the loop, so every listener sees the states in the same order.
    if (busy) return
    busy = true
    try {
      while (queue.length > 0) {
        const previous = state
        state = reduce(state, queue.shift()!)
        // A reducer that returns the same object says "nothing changed": no re-render.
        if (state !== previous) for (const l of [...listeners]) l(state, previous)
      }
    } finally {
      busy = false
    }
  }
  return {
    getState: () => state,
    dispatch,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
