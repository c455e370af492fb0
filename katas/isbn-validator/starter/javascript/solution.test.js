import { isValidIsbn } from './solution.js';

test('a correct ISBN-10', () => {
  expect(isValidIsbn('0306406152')).toBe(true);
});
