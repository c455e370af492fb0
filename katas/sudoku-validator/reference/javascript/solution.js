const NINE = [0, 1, 2, 3, 4, 5, 6, 7, 8];

/** The 27 groups of nine cells that must not repeat a digit: rows, columns, boxes. */
function units(grid) {
  const rows = grid;
  const columns = NINE.map((c) => NINE.map((r) => grid[r][c]));
  const boxes = NINE.map((box) => {
    const top = 3 * Math.floor(box / 3);
    const left = 3 * (box % 3);
    return NINE.map((i) => grid[top + Math.floor(i / 3)][left + (i % 3)]);
  });
  return [...rows, ...columns, ...boxes];
}

function isWellFormed(grid) {
  return grid.length === 9 && grid.every((row) => row.length === 9 && row.every((cell) => cell >= 0 && cell <= 9));
}

function repeatsADigit(unit) {
  const digits = unit.filter((cell) => cell >= 1 && cell <= 9);
  return new Set(digits).size !== digits.length;
}

export function validateSudoku(grid) {
  if (!isWellFormed(grid)) return "invalid";
  if (units(grid).some(repeatsADigit)) return "invalid";
  if (grid.some((row) => row.includes(0))) return "incomplete";
  return "complete";
}
