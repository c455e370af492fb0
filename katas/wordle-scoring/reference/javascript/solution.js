export function scoreGuess(guess, answer) {
  // Letters as code points, like Python's str.
  const guessLetters = [...guess];
  const answerLetters = [...answer];
  const result = guessLetters.map(() => '-');
  const unmatched = new Map();
  const common = Math.min(guessLetters.length, answerLetters.length);
  for (let i = 0; i < common; i++) {
    const a = answerLetters[i];
    if (guessLetters[i] === a) {
      result[i] = 'G';
    } else {
      unmatched.set(a, (unmatched.get(a) ?? 0) + 1);
    }
  }
  guessLetters.forEach((g, i) => {
    const left = unmatched.get(g) ?? 0;
    if (result[i] !== 'G' && left > 0) {
      result[i] = 'Y';
      unmatched.set(g, left - 1);
    }
  });
  return result.join('');
}
