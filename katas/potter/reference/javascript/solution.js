const SET_PRICES = { 1: 800, 2: 1520, 3: 2160, 4: 2560, 5: 3000 };

export function price(books) {
  let copies = [1, 2, 3, 4, 5].map((volume) => books.filter((b) => b === volume).length);
  // Greedy grouping: each set takes one copy of every volume still in the basket.
  const sizes = [];
  while (copies.some((c) => c > 0)) {
    sizes.push(copies.filter((c) => c > 0).length);
    copies = copies.map((c) => Math.max(0, c - 1));
  }
  // Of all the ways to rebalance the greedy sets, only one pays: a set of five and a
  // set of three (5160) cost more than two sets of four (5120).
  const count = (size) => sizes.filter((s) => s === size).length;
  const swaps = Math.min(count(5), count(3));
  const saving = swaps * (SET_PRICES[5] + SET_PRICES[3] - 2 * SET_PRICES[4]);
  return sizes.reduce((total, s) => total + SET_PRICES[s], 0) - saving;
}
