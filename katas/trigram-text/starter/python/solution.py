def trigrams(text):
    """Return {"w1 w2": sorted list of the words that followed w1 w2 in `text`}."""
    # TODO: start with a text of three words.
    return None
