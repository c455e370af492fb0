import { yatzyScore } from "./solution.js";

test("chance adds up all the dice", () => {
  expect(yatzyScore([1, 1, 3, 3, 6], "chance")).toBe(14);
});
