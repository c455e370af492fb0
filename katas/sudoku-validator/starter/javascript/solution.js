/** Return "complete", "incomplete" or "invalid" for a 9x9 grid of digits (0 is an empty cell). */
export function validateSudoku(grid) {
  // TODO
  return null;
}
