import { lcdDigits } from './solution.js';

test('eight at size one', () => {
  expect(lcdDigits(8, 1)).toEqual([' - ', '| |', ' - ', '| |', ' - ']);
});
