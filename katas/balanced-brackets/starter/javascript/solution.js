/** Return true when every (, [ and { of `text` is closed by its partner, in order. */
export function isBalanced(text) {
  // TODO
  return null;
}
