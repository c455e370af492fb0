export class BowlingGame {
  #rolls = [];

  roll(pins) {
    this.#rolls.push(pins);
  }

  score() {
    const rolls = this.#rolls;
    const at = (i) => {
      if (i >= rolls.length) throw new Error('the game is not complete');
      return rolls[i];
    };
    let total = 0;
    let i = 0;
    for (let frame = 0; frame < 10; frame++) {
      if (at(i) === 10) {
        total += 10 + at(i + 1) + at(i + 2);
        i += 1;
      } else if (at(i) + at(i + 1) === 10) {
        total += 10 + at(i + 2);
        i += 2;
      } else {
        total += at(i) + at(i + 1);
        i += 2;
      }
    }
    return total;
  }
}
