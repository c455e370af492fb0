import { scoreGuess } from './solution.js';

test('one letter in the right place', () => {
  expect(scoreGuess('slate', 'crane')).toBe('--G-G');
});
