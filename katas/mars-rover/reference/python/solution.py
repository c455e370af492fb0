HEADINGS = "NESW"
STEPS = {"N": (0, 1), "E": (1, 0), "S": (0, -1), "W": (-1, 0)}


class MarsRover:
    def __init__(self, x, y, direction, width, height, obstacles):
        self.x = x
        self.y = y
        self.direction = direction
        self.width = width
        self.height = height
        self.obstacles = {(ox, oy) for ox, oy in obstacles}

    def _turn(self, quarter_turns):
        index = HEADINGS.index(self.direction)
        self.direction = HEADINGS[(index + quarter_turns) % 4]

    def _move(self, sign):
        dx, dy = STEPS[self.direction]
        target = ((self.x + sign * dx) % self.width, (self.y + sign * dy) % self.height)
        if target in self.obstacles:
            return False
        self.x, self.y = target
        return True

    def execute(self, commands):
        for command in commands:
            if command == "L":
                self._turn(-1)
            elif command == "R":
                self._turn(1)
            elif not self._move(1 if command == "F" else -1):
                return "O:%d:%d:%s" % (self.x, self.y, self.direction)
        return "%d:%d:%s" % (self.x, self.y, self.direction)
