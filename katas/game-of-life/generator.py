import random


def generate(seed, count):
    """Return `count` inputs for next_generation, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        if rng.random() < 0.03:
            cases.append({"args": [[]]})
            continue
        rows = rng.choice([rng.randint(1, 4), rng.randint(3, 15), rng.randint(10, 40)])
        cols = rng.choice([rng.randint(1, 4), rng.randint(3, 15), rng.randint(10, 40)])
        density = rng.choice([0.1, 0.3, 0.5, 0.8])
        grid = [
            "".join("*" if rng.random() < density else "." for _ in range(cols))
            for _ in range(rows)
        ]
        cases.append({"args": [grid]})
    return cases
