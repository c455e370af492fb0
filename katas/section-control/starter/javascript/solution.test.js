import { speedingTickets } from './solution.js';

test('one car too fast between two cameras', () => {
  const sightings = [['AB-123', 0, 0], ['AB-123', 2, 60]];
  expect(speedingTickets(sightings, 100)).toEqual([['AB-123', 0, 2, 120]]);
});
