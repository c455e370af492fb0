import { berlinClock } from './solution.js';

test('midnight', () => {
  expect(berlinClock('00:00:00')).toEqual(['Y', 'OOOO', 'OOOO', 'OOOOOOOOOOO', 'OOOO']);
});
