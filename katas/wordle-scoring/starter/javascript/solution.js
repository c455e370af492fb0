/** Return one character per letter of guess: "G" green, "Y" yellow, "-" grey. */
export function scoreGuess(guess, answer) {
  // TODO: greens first, then the yellows.
  return '';
}
