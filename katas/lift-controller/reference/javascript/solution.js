export class Lift {
  #position = 0;
  #heading = "idle";
  #pending = new Set();
  #served = [];

  constructor(floors) {
    this.floors = floors;
  }

  call(floor) {
    this.#pending.add(floor);
  }

  tick() {
    if (this.#pending.has(this.#position)) {
      this.#pending.delete(this.#position);
      this.#served.push(this.#position);
      if (this.#pending.size === 0) this.#heading = "idle";
    } else if (this.#pending.size === 0) {
      this.#heading = "idle";
    } else {
      this.#heading = this.#nextHeading();
      this.#position += this.#heading === "up" ? 1 : -1;
    }
  }

  #nextHeading() {
    const pending = [...this.#pending];
    const above = pending.filter((f) => f > this.#position);
    const below = pending.filter((f) => f < this.#position);
    if (this.#heading === "up" && above.length > 0) return "up";
    if (this.#heading === "down" && below.length > 0) return "down";
    if (below.length === 0) return "up";
    if (above.length === 0) return "down";
    return Math.min(...above) - this.#position <= this.#position - Math.max(...below) ? "up" : "down";
  }

  floor() {
    return this.#position;
  }

  direction() {
    return this.#heading;
  }

  stops() {
    return [...this.#served];
  }
}
