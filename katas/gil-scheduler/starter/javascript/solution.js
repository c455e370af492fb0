/** Return, tick by tick, the name of the thread holding the GIL, or "-" when none ran. */
export function gilTrace(threads, switchInterval) {
  // TODO
  return [];
}
