/** Return the changed pins, e.g. ["added attrs 23.1.0", "upgraded django 4.2.7 -> 5.0"]. */
export function diffRequirements(oldText, newText) {
  // TODO
  return null;
}
