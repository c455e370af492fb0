import { gilTrace } from './solution.js';

test('two threads take turns', () => {
  expect(gilTrace([['A', [3]], ['B', [2]]], 2)).toEqual(['A', 'A', 'B', 'B', 'A']);
});
