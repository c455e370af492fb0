import { TennisGame } from './solution.js';

test('the deciding point wins the game', () => {
  const game = new TennisGame('Borg', 'McEnroe', true);
  for (let i = 0; i < 3; i++) {
    game.wonPoint('Borg');
    game.wonPoint('McEnroe');
  }
  expect(game.score()).toBe('Deciding Point');
  game.wonPoint('McEnroe');
  expect(game.score()).toBe('Win for McEnroe');
});
