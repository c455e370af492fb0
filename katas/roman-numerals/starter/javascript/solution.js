/** Return n (1 to 3999) written in Roman numerals, e.g. 14 -> "XIV". */
export function toRoman(n) {
  // TODO
  return '';
}
