def score_guess(guess, answer):
    """Return one character per letter of guess: "G" green, "Y" yellow, "-" grey."""
    # TODO: greens first, then the yellows.
    return ""
