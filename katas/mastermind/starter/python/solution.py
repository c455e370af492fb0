def evaluate_guess(secret, guess):
    """Return [well_placed, misplaced] for the colours of `guess` against `secret`."""
    # TODO
    return None
