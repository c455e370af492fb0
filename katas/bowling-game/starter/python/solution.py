class BowlingGame:
    """Score keeper for one player's game of ten-pin bowling."""

    def __init__(self):
        pass

    def roll(self, pins):
        """Record a ball that knocked down `pins` pins."""
        # TODO
        pass

    def score(self):
        """Return the total score of a complete game."""
        # TODO
        return 0
