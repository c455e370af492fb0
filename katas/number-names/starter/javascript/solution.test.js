import { numberName } from './solution.js';

test('forty-two', () => {
  expect(numberName(42)).toBe('forty-two');
});
