import { TennisGame } from "./solution.js";

test("first point to the first player", () => {
  const game = new TennisGame("Ada", "Grace");
  game.wonPoint("Ada");
  expect(game.score()).toBe("Fifteen-Love");
});
