def prime_factors(n):
    """Return the prime factors of n, smallest first, with repetition."""
    # TODO: let the tests drive the loop out of you.
    return []
