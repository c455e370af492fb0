const CALLS = ["Love", "Fifteen", "Thirty", "Forty"];

export class TennisGame {
  #names;
  #points = [0, 0];

  constructor(player1, player2) {
    this.#names = [player1, player2];
  }

  wonPoint(player) {
    this.#points[this.#names.indexOf(player)] += 1;
  }

  score() {
    const [first, second] = this.#points;
    if (first === second) return first >= 3 ? "Deuce" : CALLS[first] + "-All";
    if (Math.max(first, second) >= 4) {
      const leader = first > second ? this.#names[0] : this.#names[1];
      return (Math.abs(first - second) === 1 ? "Advantage " : "Win for ") + leader;
    }
    return CALLS[first] + "-" + CALLS[second];
  }
}
