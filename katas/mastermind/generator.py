import random

COLOURS = ["red", "blue", "green", "yellow", "pink", "white", "black", "orange"]


def _guess_for(rng, secret, palette):
    """A guess for `secret`: random, or a shuffle or a few changes of the secret."""
    kind = rng.randrange(4)
    if kind == 0:
        return [rng.choice(palette) for _ in secret]
    guess = list(secret)
    if kind == 1:
        rng.shuffle(guess)
        return guess
    if kind == 2:
        guess = [rng.choice(palette)] * len(secret)
        return guess
    for _ in range(rng.randint(1, len(secret))):
        guess[rng.randrange(len(guess))] = rng.choice(palette)
    if rng.random() < 0.5:
        rng.shuffle(guess)
    return guess


def generate(seed, count):
    """Return `count` inputs for evaluate_guess, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        palette = COLOURS[:rng.randint(2, len(COLOURS))]
        length = 4 if rng.random() < 0.5 else rng.randint(1, 10)
        secret = [rng.choice(palette) for _ in range(length)]
        cases.append({"args": [secret, _guess_for(rng, secret, palette)]})
    return cases
