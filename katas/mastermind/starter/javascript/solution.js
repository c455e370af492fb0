/** Return [wellPlaced, misplaced] for the colours of `guess` against `secret`. */
export function evaluateGuess(secret, guess) {
  // TODO
  return null;
}
