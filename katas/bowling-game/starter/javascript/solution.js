/** Score keeper for one player's game of ten-pin bowling. */
export class BowlingGame {
  constructor() {}

  /** Record a ball that knocked down `pins` pins. */
  roll(pins) {
    // TODO
  }

  /** Return the total score of a complete game. */
  score() {
    // TODO
    return 0;
  }
}
