import random


def generate(seed, count):
    """Return `count` inputs for berlin_clock, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        hours = rng.randint(0, 23)
        minutes = rng.randint(0, 59)
        seconds = rng.randint(0, 59)
        cases.append({"args": ["%02d:%02d:%02d" % (hours, minutes, seconds)]})
    return cases
