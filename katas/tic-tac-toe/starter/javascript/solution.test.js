import { TicTacToe } from './solution.js';

test('the players take turns', () => {
  const game = new TicTacToe();
  expect(game.play(1, 1)).toBe(true);
  expect(game.status()).toBe('O to play');
});
