import { isLeapYear } from './solution.js';

test('a year divisible by four is a leap year', () => {
  expect(isLeapYear(2024)).toBe(true);
});
