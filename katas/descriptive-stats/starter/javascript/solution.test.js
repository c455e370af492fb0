import { describe as describeValues } from "./solution.js";

test("a single value", () => {
  expect(describeValues([7.5])).toEqual({ min: 7.5, max: 7.5, mean: 7.5, median: 7.5, stdev: 0.0 });
});
