import random
from itertools import groupby

# Random answers stay shorter than the statement allows, to keep generating cheap.
MAX_ANSWER = 3000


def _step(term):
    return "".join(f"{len(list(run))}{digit}" for digit, run in groupby(term))


def _term(rng):
    """1 to 50 digits, in runs, from a few digits or from all ten."""
    digits = rng.choice(["1", "12", "123", "0123456789", "9", "20"])
    runs = []
    length = rng.randint(1, 50)
    while sum(map(len, runs)) < length:
        runs.append(rng.choice(digits) * rng.choice([1, 1, 2, 3, rng.randint(1, 15)]))
    return "".join(runs)[:length]


def generate(seed, count):
    """Return `count` inputs for look_and_say, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        term = rng.choice(["1", "1", "3", "22", _term(rng), _term(rng)])
        wanted = rng.choice([0, 1, 1, 2, rng.randint(0, 10), rng.randint(0, 50)])
        steps, current = 0, term
        while steps < wanted:
            current = _step(current)
            if len(current) > MAX_ANSWER:
                break
            steps += 1
        cases.append({"args": [term, steps]})
    return cases
