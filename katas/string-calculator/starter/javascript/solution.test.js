import { add } from './solution.js';

test('two numbers are added', () => {
  expect(add('1,2')).toBe(3);
});
