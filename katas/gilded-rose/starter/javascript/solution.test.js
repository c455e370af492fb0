import { updateQuality } from "./solution.js";

test("conjured items lose quality twice as fast", () => {
  expect(updateQuality([["Conjured Mana Cake", 3, 6]])).toEqual([["Conjured Mana Cake", 2, 4]]);
});
