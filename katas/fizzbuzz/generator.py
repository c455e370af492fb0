import random


def generate(seed, count):
    """Return `count` inputs for fizzbuzz, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        kind = rng.randrange(4)
        if kind == 0:
            n = rng.randint(1, 100)
        elif kind == 1:
            n = 15 * rng.randint(1, 66666)
        elif kind == 2:
            n = rng.choice([3, 5]) * rng.randint(1, 200000)
        else:
            n = rng.randint(1, 1000000)
        cases.append({"args": [n]})
    return cases
