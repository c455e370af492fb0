/** Return {"w1 w2": sorted array of the words that followed w1 w2 in `text`}. */
export function trigrams(text) {
  // TODO: start with a text of three words.
  return null;
}
