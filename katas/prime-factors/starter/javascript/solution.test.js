import { primeFactors } from './solution.js';

test('twelve', () => {
  expect(primeFactors(12)).toEqual([2, 2, 3]);
});
