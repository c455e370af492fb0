/** The score of one game of tennis between two named players. */
export class TennisGame {
  constructor(player1, player2) {
    this.player1 = player1;
    this.player2 = player2;
  }

  /** Record that `player` (one of the two names) won a point. */
  wonPoint(player) {
    // TODO
  }

  /** Return the score as text, e.g. "Fifteen-Love", "Deuce", "Advantage Ada". */
  score() {
    // TODO
    return "";
  }
}
