/** Return the next generation of `grid` ("*" alive, "." dead), same size. */
export function nextGeneration(grid) {
  // TODO
  return [...grid];
}
