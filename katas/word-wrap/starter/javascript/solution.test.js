import { wrap } from './solution.js';

test('two words that do not fit on one line', () => {
  expect(wrap('hello world', 5)).toBe('hello\nworld');
});
