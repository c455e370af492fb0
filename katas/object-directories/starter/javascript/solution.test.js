import { DirectoryStore } from "./solution.js";

test("a string is one file", () => {
  expect(new DirectoryStore().toFiles('{"name": "Ada"}')).toEqual({ "name.str": "Ada" });
});
