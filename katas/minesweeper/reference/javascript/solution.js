function minesAround(field, r, c) {
  let mines = 0;
  for (let dr = -1; dr <= 1; dr++) {
    for (let dc = -1; dc <= 1; dc++) {
      const rr = r + dr;
      const cc = c + dc;
      if ((dr || dc) && rr >= 0 && rr < field.length && cc >= 0 && cc < field[r].length && field[rr][cc] === '*') {
        mines++;
      }
    }
  }
  return mines;
}

export function annotate(field) {
  return field.map((line, r) =>
    line.split('').map((square, c) => (square === '*' ? '*' : String(minesAround(field, r, c)))).join(''),
  );
}
