// Letters are compared as code points ([...s]), like Python's sorted(str).
const fingerprint = (word) => [...word].sort().join('');

export function findAnagrams(word, candidates) {
  const target = word.toLowerCase();
  const letters = fingerprint(target);
  return candidates.filter((candidate) => {
    const lower = candidate.toLowerCase();
    return lower !== target && fingerprint(lower) === letters;
  });
}
