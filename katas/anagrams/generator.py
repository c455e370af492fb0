import random
import string


def _random_case(rng, word):
    return "".join(c.upper() if rng.random() < 0.2 else c for c in word)


def generate(seed, count):
    """Return `count` inputs for find_anagrams, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        length = rng.randint(1, 12)
        # a small alphabet makes accidental anagrams and near misses likely
        alphabet = string.ascii_lowercase[: rng.randint(2, 8)]
        word = "".join(rng.choice(alphabet) for _ in range(length))
        candidates = []
        for _ in range(rng.randint(0, 10)):
            kind = rng.randrange(5)
            if kind == 0:
                letters = list(word)
                rng.shuffle(letters)
                candidate = "".join(letters)
            elif kind == 1:
                candidate = word
            elif kind == 2:
                letters = list(word)
                letters[rng.randrange(len(letters))] = rng.choice(alphabet)
                rng.shuffle(letters)
                candidate = "".join(letters)
            elif kind == 3:
                letters = list(word) + [rng.choice(alphabet)]
                rng.shuffle(letters)
                candidate = "".join(letters[:12])
            else:
                candidate = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
            candidates.append(_random_case(rng, candidate))
        cases.append({"args": [_random_case(rng, word), candidates]})
    return cases
