import { price } from "./solution.js";

test("two different books get five percent off", () => {
  expect(price([1, 2])).toBe(1520);
});
