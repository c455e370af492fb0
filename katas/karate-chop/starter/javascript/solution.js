/** Return the index of `target` in the strictly increasing array `values`, or -1. */
export function chop(target, values) {
  // TODO
  return null;
}
