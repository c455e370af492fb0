import random

DIGITS = "0123456789"


def _isbn10(rng):
    body = [rng.randint(0, 9) for _ in range(9)]
    check = -sum(v * w for v, w in zip(body, range(10, 1, -1))) % 11
    return "".join(map(str, body)) + ("X" if check == 10 else str(check))


def _isbn13(rng):
    body = [int(c) for c in rng.choice(["978", "979"])] + [rng.randint(0, 9) for _ in range(9)]
    check = -sum(v * (3 if i % 2 else 1) for i, v in enumerate(body)) % 10
    return "".join(map(str, body)) + str(check)


def _damage(rng, code):
    """A typing mistake, or an ISBN that is not one."""
    chars = list(code)
    kind = rng.randrange(7)
    i = rng.randrange(len(chars))
    if kind == 0 and chars[i] in DIGITS:
        chars[i] = str((int(chars[i]) + rng.randint(1, 9)) % 10)
    elif kind == 1 and i + 1 < len(chars) and chars[i] != chars[i + 1]:
        chars[i], chars[i + 1] = chars[i + 1], chars[i]
    elif kind == 2:
        del chars[i]
    elif kind == 3:
        chars.insert(i, rng.choice(DIGITS))
    elif kind == 4:
        chars[i] = rng.choice("xXaO.,_/")
    elif kind == 5 and len(chars) == 13:
        chars[:3] = rng.choice(["977", "123", "000", "989"])
    else:
        chars[-1] = rng.choice(DIGITS + "X")
    return "".join(chars)


def _format(rng, code):
    """Hyphens or spaces between groups, sometimes in odd places."""
    style = rng.randrange(4)
    if style == 0:
        return code
    separator = "-" if style != 2 else " "
    out = ""
    for c in code:
        if out and rng.random() < 0.3:
            out += separator * (1 if style != 3 else rng.randint(1, 2))
        out += c
    if style == 3 and rng.random() < 0.5:
        out = separator + out + separator
    return out


def generate(seed, count):
    """Return `count` candidate ISBNs for is_valid_isbn, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        code = _isbn10(rng) if rng.random() < 0.5 else _isbn13(rng)
        if rng.random() < 0.5:
            code = _damage(rng, code)
        cases.append({"args": [_format(rng, code)]})
    return cases
