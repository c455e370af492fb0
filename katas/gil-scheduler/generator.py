import random

NAMES = ["main", "io", "cpu", "net", "disk", "ui", "log", "gc", "A", "B", "C", "D",
         "T1", "T2", "T3", "worker1", "worker2"]


def _bursts(rng):
    computations = rng.randint(1, 5)
    short = rng.random() < 0.6  # mostly short numbers, so threads interleave a lot
    top = 5 if short else 20
    bursts = []
    for i in range(computations):
        if i:
            bursts.append(rng.randint(1, top))
        bursts.append(rng.randint(1, top))
    return bursts


def generate(seed, count):
    """Return `count` thread sets for gil_trace, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        names = rng.sample(NAMES, rng.randint(1, 8))
        threads = [[name, _bursts(rng)] for name in names]
        interval = rng.choice([1, 2, 3, 5, rng.randint(1, 20)])
        cases.append({"args": [threads, interval]})
    return cases
