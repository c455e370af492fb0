import { Checkout } from './solution.js';

const PRICES = { A: 50, B: 30, C: 20, D: 15 };
const OFFERS = [['A', 3, 130], ['B', 2, 45]];

test('three A are sold for the offer price', () => {
  const till = new Checkout(PRICES, OFFERS);
  for (const item of 'AAA') {
    till.scan(item);
  }
  expect(till.total()).toBe(130);
});
