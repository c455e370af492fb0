import { nextGeneration } from './solution.js';

test('a lonely cell dies', () => {
  expect(nextGeneration(['...', '.*.', '...'])).toEqual(['...', '...', '...']);
});
