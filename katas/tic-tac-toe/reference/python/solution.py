EMPTY = "."
LINES = (
    [[(r, c) for c in range(3)] for r in range(3)]
    + [[(r, c) for r in range(3)] for c in range(3)]
    + [[(i, i) for i in range(3)], [(i, 2 - i) for i in range(3)]]
)


class TicTacToe:
    def __init__(self):
        self.grid = [[EMPTY] * 3 for _ in range(3)]
        self.player = "X"
        self.winner = None
        self.marks = 0

    def _over(self):
        return self.winner is not None or self.marks == 9

    def play(self, row, column):
        if self._over() or not (0 <= row < 3 and 0 <= column < 3):
            return False
        if self.grid[row][column] != EMPTY:
            return False
        self.grid[row][column] = self.player
        self.marks += 1
        if any(all(self.grid[r][c] == self.player for r, c in line) for line in LINES):
            self.winner = self.player
        self.player = "O" if self.player == "X" else "X"
        return True

    def status(self):
        if self.winner:
            return f"{self.winner} wins"
        if self.marks == 9:
            return "draw"
        return f"{self.player} to play"

    def board(self):
        return ["".join(row) for row in self.grid]
