import random

# each digit as its three rows of three characters
DIGITS = [
    (" _ ", "| |", "|_|"),
    ("   ", "  |", "  |"),
    (" _ ", " _|", "|_ "),
    (" _ ", " _|", " _|"),
    ("   ", "|_|", "  |"),
    (" _ ", "|_ ", " _|"),
    (" _ ", "|_ ", "|_|"),
    (" _ ", "  |", "  |"),
    (" _ ", "|_|", "|_|"),
    (" _ ", "|_|", " _|"),
]


def generate(seed, count):
    """Return `count` inputs for read_account, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        blocks = [[list(row) for row in DIGITS[rng.randrange(10)]] for _ in range(9)]
        if rng.random() < 0.35:
            # smudge one or two characters; the result may or may not still be a digit
            for _ in range(rng.randint(1, 2)):
                block = rng.choice(blocks)
                row = rng.randrange(3)
                col = rng.randrange(3)
                block[row][col] = rng.choice(" _|")
        lines = ["".join("".join(block[row]) for block in blocks) for row in range(3)]
        cases.append({"args": [lines]})
    return cases
