import { isBalanced } from './solution.js';

test('crossed pairs are not balanced', () => {
  expect(isBalanced('([)]')).toBe(false);
});
