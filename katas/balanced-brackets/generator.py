import random

PAIRS = ["()", "[]", "{}"]
BRACKETS = "()[]{}"
FILLER = "abcxyz019 ,;:+-*<>=\n\t"


def _balanced(rng, depth, budget):
    """A balanced text of at most about `budget` characters."""
    parts = []
    while budget > 0 and rng.random() < 0.8:
        if rng.random() < 0.3:
            text = "".join(rng.choice(FILLER) for _ in range(rng.randint(1, 4)))
        elif depth < 12:
            pair = rng.choice(PAIRS)
            inner = _balanced(rng, depth + 1, budget // 2)
            text = pair[0] + inner + pair[1]
        else:
            text = rng.choice(PAIRS)
        parts.append(text)
        budget -= len(text)
    return "".join(parts)


def _spoil(rng, text):
    """One small change that often (not always) unbalances the text."""
    chars = list(text)
    kind = rng.randrange(5)
    spots = [i for i, c in enumerate(chars) if c in BRACKETS]
    if kind == 0 and spots:
        del chars[rng.choice(spots)]
    elif kind == 1:
        chars.insert(rng.randint(0, len(chars)), rng.choice(BRACKETS))
    elif kind == 2 and spots:
        chars[rng.choice(spots)] = rng.choice(BRACKETS)
    elif kind == 3 and len(chars) > 1:
        i, j = rng.sample(range(len(chars)), 2)
        chars[i], chars[j] = chars[j], chars[i]
    else:
        chars.reverse()
    return "".join(chars)


def generate(seed, count):
    """Return `count` texts for is_balanced, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        text = _balanced(rng, 0, rng.choice([8, 30, 200]))
        if rng.random() < 0.5:
            text = _spoil(rng, text)
        cases.append({"args": [text]})
    return cases
