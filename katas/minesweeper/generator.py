import random


def generate(seed, count):
    """Return `count` inputs for annotate, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        if rng.random() < 0.05:
            cases.append({"args": [[]]})
            continue
        rows = rng.randint(1, 30)
        cols = rng.randint(1, 30)
        density = rng.choice([0.05, 0.15, 0.3, 0.6])
        field = [
            "".join("*" if rng.random() < density else "." for _ in range(cols))
            for _ in range(rows)
        ]
        cases.append({"args": [field]})
    return cases
