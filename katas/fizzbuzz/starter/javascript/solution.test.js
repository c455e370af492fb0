import { fizzbuzz } from "./solution.js";

test("three is fizz", () => {
  expect(fizzbuzz(3)).toBe("Fizz");
});
