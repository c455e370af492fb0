import { BowlingGame } from './solution.js';

test('all ones', () => {
  const game = new BowlingGame();
  for (let i = 0; i < 20; i++) {
    game.roll(1);
  }
  expect(game.score()).toBe(20);
});
