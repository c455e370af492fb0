/** Return the sum of the numbers written in the string `numbers`. */
export function add(numbers) {
  // TODO: one rule of the statement at a time.
  return 0;
}
