/**
 * Simulate `steps` steps of the ant, starting on (0, 0) facing north.
 *
 * `black` lists the [x, y] squares that start black. Return [x, y, direction, black
 * squares sorted by x then y].
 */
export function langtonsAnt(black, steps) {
  // TODO: start with zero steps, then one.
  return null;
}
