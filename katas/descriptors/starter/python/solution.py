class Record:
    """A record type with typed, cached and plain attributes, and its instances."""

    def __init__(self):
        pass

    def declare_typed(self, name, kind):
        """Declare a typed attribute: kind is "int", "bool" or "str"."""
        # TODO
        pass

    def declare_cached(self, name, sources):
        """Declare a cached attribute computed from the attributes named in sources."""
        # TODO
        pass

    def create(self):
        """Make a new instance and return its number (0, 1, ...)."""
        # TODO
        return None

    def set(self, instance, name, value):
        """Assign the text value; return whether it was accepted."""
        # TODO
        return None

    def get(self, instance, name):
        """Return the attribute's value as text, or None."""
        # TODO
        return None

    def clear(self, instance, name):
        """Remove the instance's value; return whether there was one."""
        # TODO
        return None

    def computations(self, instance, name):
        """Return how many times the cached attribute was computed for the instance."""
        # TODO
        return None
