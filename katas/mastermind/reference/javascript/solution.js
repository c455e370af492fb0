function countColours(row) {
  const counts = new Map();
  for (const colour of row) counts.set(colour, (counts.get(colour) ?? 0) + 1);
  return counts;
}

export function evaluateGuess(secret, guess) {
  const wellPlaced = secret.filter((colour, i) => colour === guess[i]).length;
  const inGuess = countColours(guess);
  let matched = 0;
  for (const [colour, n] of countColours(secret)) matched += Math.min(n, inGuess.get(colour) ?? 0);
  return [wellPlaced, matched - wellPlaced];
}
