function liveNeighbours(grid, r, c) {
  let count = 0;
  for (let dr = -1; dr <= 1; dr++) {
    for (let dc = -1; dc <= 1; dc++) {
      if (dr === 0 && dc === 0) continue;
      const rr = r + dr;
      const cc = c + dc;
      if (rr >= 0 && rr < grid.length && cc >= 0 && cc < grid[rr].length && grid[rr][cc] === '*') {
        count++;
      }
    }
  }
  return count;
}

export function nextGeneration(grid) {
  return grid.map((row, r) =>
    row
      .split('')
      .map((cell, c) => {
        const n = liveNeighbours(grid, r, c);
        return n === 3 || (cell === '*' && n === 2) ? '*' : '.';
      })
      .join(''),
  );
}
