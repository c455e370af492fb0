import random

LIMIT = 999999999999


def _groups(rng):
    """A number built from three-digit groups, many of them zero or below 100."""
    n = 0
    for _ in range(4):
        kind = rng.randrange(5)
        if kind == 0:
            group = 0
        elif kind == 1:
            group = rng.randint(1, 99)
        elif kind == 2:
            group = 100 * rng.randint(1, 9)
        else:
            group = rng.randint(0, 999)
        n = n * 1000 + group
    return n


def generate(seed, count):
    """Return `count` inputs for number_name, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        kind = rng.randrange(5)
        if kind == 0:
            n = rng.randint(0, 1000)
        elif kind == 1:
            n = rng.randint(0, 10 ** rng.randint(1, 12) - 1)
        elif kind == 2:
            n = _groups(rng)
        elif kind == 3:
            n = rng.randint(0, LIMIT)
        else:
            n = rng.choice([10 ** rng.randint(0, 11), 10 ** rng.randint(3, 11) + rng.randint(0, 120)])
        if rng.random() < 0.15:
            n = -n
        cases.append({"args": [n]})
    return cases
