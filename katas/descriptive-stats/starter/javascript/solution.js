/** Return {min, max, mean, median, stdev} for a non-empty array of numbers. */
export function describe(values) {
  // TODO
  return {};
}
