import random
import string


def generate(seed, count):
    """Return `count` inputs for wrap, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        width = rng.choice([rng.randint(1, 5), rng.randint(3, 20), rng.randint(10, 60)])
        max_word = rng.choice([6, 10, 25])
        words = [
            "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(1, max_word)))
            for _ in range(rng.randint(0, 40))
        ]
        cases.append({"args": [" ".join(words), width]})
    return cases
