const NUMBERS = new Map([["ones", 1], ["twos", 2], ["threes", 3], ["fours", 4], ["fives", 5], ["sixes", 6]]);
const OF_A_KIND = new Map([["pair", 2], ["three of a kind", 3], ["four of a kind", 4]]);
const STRAIGHTS = new Map([["small straight", [1, 2, 3, 4, 5]], ["large straight", [2, 3, 4, 5, 6]]]);

const sum = (values) => values.reduce((total, v) => total + v, 0);

function countDice(dice) {
  const counts = new Map();
  for (const die of dice) counts.set(die, (counts.get(die) ?? 0) + 1);
  return counts;
}

/** Die values shown on at least `times` dice, highest first. */
function valuesSeenAtLeast(counts, times) {
  return [...counts].filter(([, n]) => n >= times).map(([value]) => value).sort((a, b) => b - a);
}

export function yatzyScore(dice, category) {
  const counts = countDice(dice);
  if (category === "chance") return sum(dice);
  if (category === "yatzy") return counts.size === 1 ? 50 : 0;
  if (NUMBERS.has(category)) {
    const value = NUMBERS.get(category);
    return value * (counts.get(value) ?? 0);
  }
  if (OF_A_KIND.has(category)) {
    const size = OF_A_KIND.get(category);
    const values = valuesSeenAtLeast(counts, size);
    return values.length > 0 ? size * values[0] : 0;
  }
  if (category === "two pairs") {
    const pairs = valuesSeenAtLeast(counts, 2);
    return pairs.length >= 2 ? 2 * (pairs[0] + pairs[1]) : 0;
  }
  if (STRAIGHTS.has(category)) {
    const straight = STRAIGHTS.get(category);
    const sorted = [...dice].sort((a, b) => a - b);
    return sorted.every((die, i) => die === straight[i]) ? sum(straight) : 0;
  }
  if (category === "full house") {
    const shape = [...counts.values()].sort((a, b) => a - b);
    return shape.length === 2 && shape[0] === 2 && shape[1] === 3 ? sum(dice) : 0;
  }
  throw new Error(`unknown category: ${JSON.stringify(category)}`);
}
