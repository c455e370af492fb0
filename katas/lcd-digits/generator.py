import random


def generate(seed, count):
    """Return `count` (number, size) inputs for lcd_digits, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        digits = rng.choice([1, 1, 2, 3, rng.randint(1, 9)])
        if rng.random() < 0.2:
            # runs of one digit and zeros inside numbers
            text = "".join(rng.choice("01" + str(rng.randint(0, 9))) for _ in range(digits))
            number = int(text)
        else:
            number = rng.randint(0 if digits == 1 else 10 ** (digits - 1), 10 ** digits - 1)
        size = rng.choice([1, 1, 2, 3, rng.randint(1, 10)])
        cases.append({"args": [number, size]})
    return cases
