/** Return the lines of `number` drawn as seven-segment digits of the given size. */
export function lcdDigits(number, size) {
  // TODO: start with one digit at size 1.
  return [];
}
