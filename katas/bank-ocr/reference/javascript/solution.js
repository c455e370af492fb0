// Each digit's block, its three rows of three characters joined.
const DRAWINGS = [
  " _ | ||_|",
  "     |  |",
  " _  _||_ ",
  " _  _| _|",
  "   |_|  |",
  " _ |_  _|",
  " _ |_ |_|",
  " _   |  |",
  " _ |_||_|",
  " _ |_| _|",
];
const DIGIT_OF = new Map(DRAWINGS.map((drawing, digit) => [drawing, String(digit)]));

function blocks(lines) {
  return Array.from({ length: 9 }, (_, i) => lines.map((line) => line.slice(3 * i, 3 * i + 3)).join(""));
}

function checksumOk(number) {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (9 - i) * Number(number[i]);
  return sum % 11 === 0;
}

export function readAccount(lines) {
  const number = blocks(lines).map((block) => DIGIT_OF.get(block) ?? "?").join("");
  if (number.includes("?")) return number + " ILL";
  if (!checksumOk(number)) return number + " ERR";
  return number;
}
