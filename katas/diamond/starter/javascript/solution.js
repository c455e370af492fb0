/** Return the rows of the diamond going from "A" to `letter` and back. */
export function diamond(letter) {
  // TODO
  return [];
}
