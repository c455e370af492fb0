import random


def generate(seed, count):
    """Return `count` inputs for to_roman, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        if rng.random() < 0.3:
            # numbers made of fours and nines exercise the subtractive pairs
            digits = [rng.choice([4, 9, rng.randint(0, 9)]) for _ in range(3)]
            n = rng.randint(0, 3) * 1000 + digits[0] * 100 + digits[1] * 10 + digits[2]
            n = max(1, n)
        else:
            n = rng.randint(1, 3999)
        cases.append({"args": [n]})
    return cases
