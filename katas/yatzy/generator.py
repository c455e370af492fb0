import random

CATEGORIES = ["chance", "yatzy", "ones", "twos", "threes", "fours", "fives", "sixes",
              "pair", "two pairs", "three of a kind", "four of a kind",
              "small straight", "large straight", "full house"]


def _roll(rng):
    """Five dice, often shaped into a pattern some category looks for."""
    kind = rng.randrange(8)
    a, b, c = rng.sample(range(1, 7), 3)
    if kind == 0:
        dice = [a] * 5
    elif kind == 1:
        dice = [a] * 4 + [rng.randint(1, 6)]
    elif kind == 2:
        dice = [a] * 3 + [b] * 2
    elif kind == 3:
        dice = [a] * 2 + [b] * 2 + [rng.randint(1, 6)]
    elif kind == 4:
        dice = [a] * 3 + [b, c]
    elif kind == 5:
        dice = rng.choice([[1, 2, 3, 4, 5], [2, 3, 4, 5, 6]])
    else:
        dice = [rng.randint(1, 6) for _ in range(5)]
    rng.shuffle(dice)
    return dice


def generate(seed, count):
    """Return `count` inputs for yatzy_score, deterministic for `seed`."""
    rng = random.Random(seed)
    return [{"args": [_roll(rng), rng.choice(CATEGORIES)]} for _ in range(count)]
