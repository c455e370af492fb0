def is_valid_isbn(isbn):
    """Return True when `isbn` is a valid ISBN-10 or ISBN-13 (hyphens and spaces ignored)."""
    # TODO: start with a plain ISBN-10.
    return None
