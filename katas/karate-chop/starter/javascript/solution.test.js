import { chop } from './solution.js';

test('the middle of three', () => {
  expect(chop(3, [1, 3, 5])).toBe(1);
});
