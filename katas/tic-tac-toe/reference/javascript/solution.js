const EMPTY = '.';
const INDICES = [0, 1, 2];
const LINES = [
  ...INDICES.map((r) => INDICES.map((c) => [r, c])),
  ...INDICES.map((c) => INDICES.map((r) => [r, c])),
  INDICES.map((i) => [i, i]),
  INDICES.map((i) => [i, 2 - i]),
];

const onGrid = (i) => Number.isInteger(i) && i >= 0 && i < 3;

export class TicTacToe {
  #grid = INDICES.map(() => [EMPTY, EMPTY, EMPTY]);
  #player = 'X';
  #winner = null;
  #marks = 0;

  #over() {
    return this.#winner !== null || this.#marks === 9;
  }

  play(row, column) {
    if (this.#over() || !onGrid(row) || !onGrid(column)) return false;
    if (this.#grid[row][column] !== EMPTY) return false;
    this.#grid[row][column] = this.#player;
    this.#marks += 1;
    if (LINES.some((line) => line.every(([r, c]) => this.#grid[r][c] === this.#player))) {
      this.#winner = this.#player;
    }
    this.#player = this.#player === 'X' ? 'O' : 'X';
    return true;
  }

  status() {
    if (this.#winner) return `${this.#winner} wins`;
    if (this.#marks === 9) return 'draw';
    return `${this.#player} to play`;
  }

  board() {
    return this.#grid.map((row) => row.join(''));
  }
}
