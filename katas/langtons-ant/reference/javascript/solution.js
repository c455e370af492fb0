const HEADINGS = "NESW";
// One step north, east, south, west. (Plain indexing: destructuring `[dx, dy]` goes
// through the iterator protocol, which costs QuickJS more than the rest of a step.)
const DX = [0, 1, 0, -1];
const DY = [1, 0, -1, 0];

const keyOf = (x, y) => `${x},${y}`;

export function langtonsAnt(black, steps) {
  const squares = new Map(black.map(([x, y]) => [keyOf(x, y), [x, y]]));
  let x = 0;
  let y = 0;
  let heading = 0;
  for (let step = 0; step < steps; step++) {
    const key = keyOf(x, y);
    if (squares.has(key)) {
      heading = (heading + 3) % 4; // left
      squares.delete(key);
    } else {
      heading = (heading + 1) % 4; // right
      squares.set(key, [x, y]);
    }
    x += DX[heading];
    y += DY[heading];
  }
  const sorted = [...squares.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return [x, y, HEADINGS[heading], sorted];
}
