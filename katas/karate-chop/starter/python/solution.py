def chop(target, values):
    """Return the index of `target` in the strictly increasing list `values`, or -1."""
    # TODO
    return None
