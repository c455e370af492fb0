class TennisGame:
    """The score of one game of tennis between two named players."""

    def __init__(self, player1, player2):
        self.player1 = player1
        self.player2 = player2

    def won_point(self, player):
        """Record that `player` (one of the two names) won a point."""
        # TODO
        pass

    def score(self):
        """Return the score as text, e.g. "Fifteen-Love", "Deuce", "Advantage Ada"."""
        # TODO
        return ""
