import random

ALPHABETS = ["AB", "WB", "ABCDE", "abcABC", "xyz .!-", "Hello, world?"]


def _text(rng):
    """A digit-free text made of runs of random lengths."""
    alphabet = rng.choice(ALPHABETS)
    runs = []
    for _ in range(rng.randint(0, 12)):
        length = rng.choice([1, 1, 2, rng.randint(1, 9), rng.randint(8, 12), rng.randint(1, 120)])
        runs.append(rng.choice(alphabet) * length)
    return "".join(runs)


def _encoded(rng):
    """A well-formed encoding; now and then two runs of one character side by side."""
    alphabet = rng.choice(ALPHABETS)
    runs = []
    for _ in range(rng.randint(0, 10)):
        count = rng.choice([1, 1, 2, rng.randint(2, 9), rng.randint(10, 99), rng.randint(100, 250)])
        if runs and rng.random() < 0.2:
            char = runs[-1][-1]
        else:
            char = rng.choice(alphabet)
        runs.append((str(count) if count > 1 else "") + char)
    return "".join(runs)


def generate(seed, count):
    """Return `count` sequences of codec calls, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        calls = []
        for _ in range(rng.randint(1, 4)):
            kind = rng.randrange(3)
            if kind == 0:
                calls.append(["encode", [_text(rng)]])
            elif kind == 1:
                calls.append(["decode", [_encoded(rng)]])
            else:
                text = _text(rng)
                # the round trip: the same text encoded, then its encoding decoded
                calls.append(["encode", [text]])
                calls.append(["decode", [_encode(text)]])
        cases.append({"init": [], "calls": calls})
    return cases


def _encode(text):
    parts = []
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and text[j] == text[i]:
            j += 1
        parts.append((str(j - i) if j - i > 1 else "") + text[i])
        i = j
    return "".join(parts)
