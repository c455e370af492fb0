import { toRoman } from './solution.js';

test('fourteen', () => {
  expect(toRoman(14)).toBe('XIV');
});
