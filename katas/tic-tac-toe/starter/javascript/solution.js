/** Referee of one game of tic-tac-toe; X plays first. */
export class TicTacToe {
  constructor() {}

  /** Play the current player's mark at (row, column); return false if the move is refused. */
  play(row, column) {
    // TODO
    return null;
  }

  /** Return "X to play", "O to play", "X wins", "O wins" or "draw". */
  status() {
    // TODO
    return '';
  }

  /** Return the three rows of the grid, e.g. ["X.O", "...", "..."]. */
  board() {
    // TODO
    return [];
  }
}
