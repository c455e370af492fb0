import random


def generate(seed, count):
    """Return `count` inputs for is_leap_year, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        kind = rng.randrange(5)
        if kind == 0:
            year = rng.randint(1, 100000)
        elif kind == 1:
            year = 4 * rng.randint(1, 25000)
        elif kind == 2:
            year = 100 * rng.randint(1, 1000)
        elif kind == 3:
            year = 400 * rng.randint(1, 250)
        else:
            year = rng.randint(1582, 2400)
        cases.append({"args": [year]})
    return cases
