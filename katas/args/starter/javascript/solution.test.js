import { parseArgs } from "./solution.js";

test("a flag, an integer and a string", () => {
  const expected = [{ l: true }, { p: 8080 }, { d: "/usr/logs" }];
  expect(parseArgs("l,p#,d*", ["-l", "-p", "8080", "-d", "/usr/logs"])).toEqual(expected);
});
