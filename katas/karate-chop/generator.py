import random

LIMIT = 1_000_000_000


def _values(rng):
    """A strictly increasing list, dense or sparse, short or long."""
    size = rng.choice([0, 1, 2, 3, 4, rng.randint(5, 20), rng.randint(0, 300), rng.randint(500, 2000)])
    spread = max(size * 2 + 5, rng.choice([0, 1000, 2 * LIMIT]))
    low = rng.randint(-LIMIT, LIMIT - spread)
    return sorted(rng.sample(range(low, low + spread + 1), size))


def _target(rng, values):
    """An item (often the first or the last), or a number just beside, between or far from them."""
    if values and rng.random() < 0.5:
        i = rng.choice([0, len(values) - 1, rng.randrange(len(values))])
        return values[i]
    if not values:
        return rng.randint(-LIMIT, LIMIT)
    kind = rng.randrange(4)
    if kind == 0:
        return max(-LIMIT, values[0] - rng.choice([1, 2, 1000]))
    if kind == 1:
        return min(LIMIT, values[-1] + rng.choice([1, 2, 1000]))
    if kind == 2:
        i = rng.randrange(len(values))
        return values[i] + rng.choice([-1, 1]) if -LIMIT < values[i] < LIMIT else values[i]
    return rng.randint(-LIMIT, LIMIT)


def generate(seed, count):
    """Return `count` inputs for chop, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        values = _values(rng)
        cases.append({"args": [_target(rng, values), values]})
    return cases
