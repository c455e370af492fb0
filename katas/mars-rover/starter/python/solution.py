class MarsRover:
    """A rover on a wrapping grid with obstacles."""

    def __init__(self, x, y, direction, width, height, obstacles):
        self.x = x
        self.y = y
        self.direction = direction

    def execute(self, commands):
        """Carry out `commands` (F, B, L, R) and return "x:y:D", or "O:x:y:D" if blocked."""
        # TODO
        return ""
