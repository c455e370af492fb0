import random


def generate(seed, count):
    """Return `count` inputs for describe, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        n = rng.randint(1, 200)
        kind = rng.randrange(4)
        if kind == 0:
            values = [round(rng.uniform(-1000.0, 1000.0), 2) for _ in range(n)]
        elif kind == 1:
            values = [float(rng.randint(-20, 20)) for _ in range(n)]
        elif kind == 2:
            # large values close together: punishes the unstable variance formula
            base = rng.uniform(-1000000.0, 1000000.0)
            base = round(max(-999000.0, min(999000.0, base)), 1)
            values = [round(base + rng.uniform(0.0, 10.0), 3) for _ in range(n)]
        else:
            values = [round(rng.gauss(0.0, 50.0), 4) for _ in range(n)]
        cases.append({"args": [values]})
    return cases
