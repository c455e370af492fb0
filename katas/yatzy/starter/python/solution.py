def yatzy_score(dice, category):
    """Return the score of five dice (1 to 6) placed in `category`, e.g. "chance" or "pair"."""
    # TODO
    return None
