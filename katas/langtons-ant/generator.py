import random


def generate(seed, count):
    """Return `count` (black, steps) inputs for langtons_ant, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        kind = rng.randrange(4)
        if kind == 0:
            black = []
        elif kind == 1:
            # a few squares near the start
            spread = rng.randint(1, 5)
            black = [(rng.randint(-spread, spread), rng.randint(-spread, spread)) for _ in range(rng.randint(1, 15))]
        elif kind == 2:
            # a dense patch the ant walks into
            black = [(x, y) for x in range(-3, 4) for y in range(-3, 4) if rng.random() < 0.5]
        else:
            black = [(rng.randint(-50, 50), rng.randint(-50, 50)) for _ in range(rng.randint(1, 200))]
        black = sorted(set(black))
        rng.shuffle(black)
        steps = rng.choice([rng.randint(0, 20), rng.randint(0, 500), rng.randint(0, 12000)])
        cases.append({"args": [[list(square) for square in black], steps]})
    return cases
