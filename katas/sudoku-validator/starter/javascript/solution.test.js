import { validateSudoku } from "./solution.js";

test("an empty grid is incomplete", () => {
  const grid = Array.from({ length: 9 }, () => Array(9).fill(0));
  expect(validateSudoku(grid)).toBe("incomplete");
});
