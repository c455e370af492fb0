/** Return the score of five dice (1 to 6) placed in `category`, e.g. "chance" or "pair". */
export function yatzyScore(dice, category) {
  // TODO
  return null;
}
