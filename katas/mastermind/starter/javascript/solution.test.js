import { evaluateGuess } from "./solution.js";

test("one well placed and one misplaced", () => {
  const secret = ["blue", "red", "green", "pink"];
  expect(evaluateGuess(secret, ["yellow", "red", "blue", "purple"])).toEqual([1, 1]);
});
