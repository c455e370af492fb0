import { MarsRover } from './solution.js';

test('moves forward facing north', () => {
  const rover = new MarsRover(0, 0, 'N', 10, 10, []);
  expect(rover.execute('FF')).toBe('0:2:N');
});
