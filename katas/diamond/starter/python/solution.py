def diamond(letter):
    """Return the rows of the diamond going from "A" to `letter` and back."""
    # TODO
    return []
