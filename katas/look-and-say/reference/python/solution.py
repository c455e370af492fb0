from itertools import groupby


def _read_aloud(term):
    return "".join(f"{len(list(run))}{digit}" for digit, run in groupby(term))


def look_and_say(term, steps):
    for _ in range(steps):
        term = _read_aloud(term)
    return term
