import { readAccount } from "./solution.js";

test("reads all the digits", () => {
  const lines = [
    "    _  _     _  _  _  _  _ ",
    "  | _| _||_||_ |_   ||_||_|",
    "  ||_  _|  | _||_|  ||_| _|",
  ];
  expect(readAccount(lines)).toBe("123456789");
});
