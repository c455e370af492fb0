import { trigrams } from "./solution.js";

test("three words make one trigram", () => {
  expect(trigrams("to be or")).toEqual({ "to be": ["or"] });
});
