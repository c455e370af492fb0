import { compareHands } from './solution.js';

test('the higher card wins', () => {
  expect(compareHands('2H 3D 5S 9C KD', '2C 3H 4S 8C AH')).toBe('White wins with high card');
});
