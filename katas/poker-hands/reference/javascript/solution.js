const VALUES = '23456789TJQKA';
const [HIGH_CARD, PAIR, TWO_PAIRS, THREE_OF_A_KIND, STRAIGHT,
  FLUSH, FULL_HOUSE, FOUR_OF_A_KIND, STRAIGHT_FLUSH] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const RANK_NAMES = ['high card', 'pair', 'two pairs', 'three of a kind', 'straight',
  'flush', 'full house', 'four of a kind', 'straight flush'];
const SHAPES = {
  '4,1': FOUR_OF_A_KIND,
  '3,2': FULL_HOUSE,
  '3,1,1': THREE_OF_A_KIND,
  '2,2,1': TWO_PAIRS,
  '2,1,1,1': PAIR,
};

function valueOf(card) {
  const value = VALUES.indexOf(card[0]);
  if (value < 0) throw new Error(`unknown card: ${card}`);
  return value;
}

/** [rank, tie-break values] of a hand such as "2H 3D 5S 9C KD"; greater is better. */
function evaluate(hand) {
  const cards = hand.split(' ');
  const counts = new Map();
  for (const card of cards) {
    const value = valueOf(card);
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  // Values that appear most often come first, higher values first among equals.
  const groups = [...counts].sort(([va, na], [vb, nb]) => nb - na || vb - va);
  const shape = groups.map(([, n]) => n).join(',');
  const values = groups.map(([value]) => value);
  const flush = new Set(cards.map((card) => card[1])).size === 1;
  const straight = values.length === 5 && values[0] - values[4] === 4;
  let rank;
  if (straight && flush) {
    rank = STRAIGHT_FLUSH;
  } else if (shape === '4,1' || shape === '3,2') {
    rank = SHAPES[shape];
  } else if (flush) {
    rank = FLUSH;
  } else if (straight) {
    rank = STRAIGHT;
  } else {
    rank = SHAPES[shape] ?? HIGH_CARD;
  }
  return [rank, ...values];
}

/** Compares arrays of numbers item by item, like Python compares lists. */
function compareLists(a, b) {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return a.length - b.length;
}

export function compareHands(black, white) {
  const blackHand = evaluate(black);
  const whiteHand = evaluate(white);
  const order = compareLists(blackHand, whiteHand);
  if (order === 0) return 'Tie';
  const [winner, [rank]] = order > 0 ? ['Black', blackHand] : ['White', whiteHand];
  return `${winner} wins with ${RANK_NAMES[rank]}`;
}
