const POINT_NAMES = ['Love', 'Fifteen', 'Thirty', 'Forty'];

export class TennisGame {
  #players;
  #points = [0, 0];
  #decidingPoint;

  constructor(player1, player2, decidingPoint) {
    this.#players = [player1, player2];
    this.#decidingPoint = decidingPoint;
  }

  wonPoint(player) {
    const index = this.#players.indexOf(player);
    if (index < 0) throw new Error(`unknown player: ${player}`);
    this.#points[index] += 1;
  }

  score() {
    const [first, second] = this.#points;
    if (first === second) return this.#levelScore(first);
    if (Math.max(first, second) < 4) return `${POINT_NAMES[first]}-${POINT_NAMES[second]}`;
    const leader = first > second ? this.#players[0] : this.#players[1];
    if (this.#decidingPoint || Math.abs(first - second) >= 2) return `Win for ${leader}`;
    return `Advantage ${leader}`;
  }

  #levelScore(points) {
    if (points < 3) return `${POINT_NAMES[points]}-All`;
    return this.#decidingPoint ? 'Deciding Point' : 'Deuce';
  }
}
