import { RunLengthCodec } from "./solution.js";

test("runs become counts", () => {
  expect(new RunLengthCodec().encode("AABCCCDEEEE")).toBe("2AB3CD4E");
});
