/** Return the candidates that are anagrams of `word` (any order). */
export function findAnagrams(word, candidates) {
  // TODO
  return [];
}
