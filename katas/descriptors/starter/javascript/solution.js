/** A record type with typed, cached and plain attributes, and its instances. */
export class Record {
  constructor() {}

  /** Declare a typed attribute: kind is "int", "bool" or "str". */
  declareTyped(name, kind) {
    // TODO
  }

  /** Declare a cached attribute computed from the attributes named in sources. */
  declareCached(name, sources) {
    // TODO
  }

  /** Make a new instance and return its number (0, 1, ...). */
  create() {
    // TODO
    return null;
  }

  /** Assign the text value; return whether it was accepted. */
  set(instance, name, value) {
    // TODO
    return null;
  }

  /** Return the attribute's value as text, or null. */
  get(instance, name) {
    // TODO
    return null;
  }

  /** Remove the instance's value; return whether there was one. */
  clear(instance, name) {
    // TODO
    return null;
  }

  /** Return how many times the cached attribute was computed for the instance. */
  computations(instance, name) {
    // TODO
    return null;
  }
}
