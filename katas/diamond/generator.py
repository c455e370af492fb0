import random
import string


def generate(seed, count):
    """Return `count` inputs for diamond, deterministic for `seed`."""
    rng = random.Random(seed)
    return [{"args": [rng.choice(string.ascii_uppercase)]} for _ in range(count)]
