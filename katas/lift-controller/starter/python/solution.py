class Lift:
    """A lift under collective control, simulated one tick at a time."""

    def __init__(self, floors):
        self.floors = floors

    def call(self, floor):
        """Record a call for `floor`."""
        # TODO
        pass

    def tick(self):
        """Advance one tick: stop, rest or move one floor."""
        # TODO
        pass

    def floor(self):
        """Return the floor the lift is at."""
        # TODO
        return None

    def direction(self):
        """Return "up", "down" or "idle"."""
        # TODO
        return None

    def stops(self):
        """Return the floors where the lift has stopped so far, in order."""
        # TODO
        return None
