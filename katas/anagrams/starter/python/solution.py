def find_anagrams(word, candidates):
    """Return the candidates that are anagrams of `word` (any order)."""
    # TODO
    return []
