class TicTacToe:
    """Referee of one game of tic-tac-toe; X plays first."""

    def __init__(self):
        pass

    def play(self, row, column):
        """Play the current player's mark at (row, column); return False if the move is refused."""
        # TODO
        return None

    def status(self):
        """Return "X to play", "O to play", "X wins", "O wins" or "draw"."""
        # TODO
        return ""

    def board(self):
        """Return the three rows of the grid, e.g. ["X.O", "...", "..."]."""
        # TODO
        return []
