/** A rover on a wrapping grid with obstacles. */
export class MarsRover {
  constructor(x, y, direction, width, height, obstacles) {
    this.x = x;
    this.y = y;
    this.direction = direction;
  }

  /** Carry out `commands` (F, B, L, R) and return "x:y:D", or "O:x:y:D" if blocked. */
  execute(commands) {
    // TODO
    return '';
  }
}
