def is_leap_year(year):
    """Return True when `year` has a 29th of February in the Gregorian calendar."""
    # TODO: one rule at a time.
    return False
