import { diamond } from './solution.js';

test('diamond of B', () => {
  expect(diamond('B')).toEqual([' A ', 'B B', ' A ']);
});
