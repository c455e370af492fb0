import { langtonsAnt } from "./solution.js";

test("the first step on an empty grid", () => {
  expect(langtonsAnt([], 1)).toEqual([1, 0, "E", [[0, 0]]]);
});
