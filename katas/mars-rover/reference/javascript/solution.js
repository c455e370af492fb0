const HEADINGS = 'NESW';
const STEPS = { N: [0, 1], E: [1, 0], S: [0, -1], W: [-1, 0] };

// The remainder with the sign of the divisor (JavaScript's % keeps the dividend's).
const mod = (a, n) => ((a % n) + n) % n;
const key = (x, y) => `${x},${y}`;

export class MarsRover {
  constructor(x, y, direction, width, height, obstacles) {
    this.x = x;
    this.y = y;
    this.direction = direction;
    this.width = width;
    this.height = height;
    this.obstacles = new Set(obstacles.map(([ox, oy]) => key(ox, oy)));
  }

  #turn(quarterTurns) {
    const index = HEADINGS.indexOf(this.direction);
    this.direction = HEADINGS[mod(index + quarterTurns, 4)];
  }

  #move(sign) {
    const [dx, dy] = STEPS[this.direction];
    const x = mod(this.x + sign * dx, this.width);
    const y = mod(this.y + sign * dy, this.height);
    if (this.obstacles.has(key(x, y))) return false;
    this.x = x;
    this.y = y;
    return true;
  }

  execute(commands) {
    for (const command of commands) {
      if (command === 'L') {
        this.#turn(-1);
      } else if (command === 'R') {
        this.#turn(1);
      } else if (!this.#move(command === 'F' ? 1 : -1)) {
        return `O:${this.x}:${this.y}:${this.direction}`;
      }
    }
    return `${this.x}:${this.y}:${this.direction}`;
  }
}
