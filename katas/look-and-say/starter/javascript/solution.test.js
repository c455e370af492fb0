import { lookAndSay } from './solution.js';

test('one is read one one', () => {
  expect(lookAndSay('1', 1)).toBe('11');
});
