def wrap(text, width):
    """Return `text` with "\\n" inserted so that no line is longer than `width`."""
    # TODO
    return text
