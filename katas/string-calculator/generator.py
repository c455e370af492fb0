import random

# characters that may form custom delimiters: no digits, "-", brackets, "," or "\n"
DELIMITER_CHARS = ";*%#|.+?$^&@!~:_"


def _number(rng):
    if rng.random() < 0.1:
        return rng.randint(1001, 5000)
    return rng.randint(0, 1000)


def generate(seed, count):
    """Return `count` inputs for add, deterministic for `seed` (never negative numbers)."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        style = rng.randrange(5)
        numbers = [str(_number(rng)) for _ in range(rng.randint(1, 15))]
        if style == 0:
            if rng.random() < 0.1:
                text = ""
            else:
                text = ",".join(numbers)
        elif style == 1:
            text = numbers[0]
            for n in numbers[1:]:
                text += rng.choice([",", "\n"]) + n
        elif style == 2:
            delimiter = rng.choice(DELIMITER_CHARS)
            text = "//" + delimiter + "\n" + numbers[0]
            for n in numbers[1:]:
                text += rng.choice([delimiter, delimiter, ",", "\n"]) + n
        else:
            chars = list(DELIMITER_CHARS)
            rng.shuffle(chars)
            how_many = 1 if style == 3 else rng.randint(2, 3)
            delimiters = []
            for _ in range(how_many):
                # each delimiter is built from its own characters, so none is part of another
                own = [chars.pop() for _ in range(rng.randint(1, 2))]
                delimiters.append("".join(rng.choice(own) for _ in range(rng.randint(1, 4))))
            text = "//" + "".join("[" + d + "]" for d in delimiters) + "\n" + numbers[0]
            for n in numbers[1:]:
                text += rng.choice(delimiters) + n
        cases.append({"args": [text]})
    return cases
