def is_balanced(text):
    """Return True when every (, [ and { of `text` is closed by its partner, in order."""
    # TODO
    return None
