/** A lift under collective control, simulated one tick at a time. */
export class Lift {
  constructor(floors) {
    this.floors = floors;
  }

  /** Record a call for `floor`. */
  call(floor) {
    // TODO
  }

  /** Advance one tick: stop, rest or move one floor. */
  tick() {
    // TODO
  }

  /** Return the floor the lift is at. */
  floor() {
    // TODO
    return null;
  }

  /** Return "up", "down" or "idle". */
  direction() {
    // TODO
    return null;
  }

  /** Return the floors where the lift has stopped so far, in order. */
  stops() {
    // TODO
    return null;
  }
}
