/** Return the British English name of the integer n, e.g. 1501 -> "one thousand, five hundred and one". */
export function numberName(n) {
  // TODO: start with the units.
  return '';
}
