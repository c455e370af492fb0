import random

VALUES = "23456789TJQKA"
SUITS = "CDHS"
SHAPES = [[1, 1, 1, 1, 1], [2, 1, 1, 1], [2, 2, 1], [3, 1, 1], [3, 2], [4, 1]]
# How often each kind of hand is attempted: shapes first, then straight, straight
# flush, flush and mirror (the other hand's values again).
WEIGHTS = [4, 4, 2, 1.5, 1, 0.7, 1.5, 0.5, 1, 3]


def _by_shape(rng, free, shape):
    """Cards whose values repeat as in `shape` (e.g. [3, 2]), from the `free` cards."""
    values = rng.sample(VALUES, len(shape))
    hand = []
    for value, n in zip(values, shape):
        suits = [s for s in SUITS if value + s in free]
        if len(suits) < n:
            return None
        hand += [value + s for s in rng.sample(suits, n)]
    return hand


def _run(rng, free, suit=None):
    """Five consecutive values (A 2 3 4 5 now and then), all of `suit` when given."""
    if rng.random() < 0.15:
        values = "A2345"
    else:
        top = rng.randint(4, 12)
        values = VALUES[top - 4:top + 1]
    hand = []
    for value in values:
        suits = [s for s in SUITS if value + s in free and suit in (None, s)]
        if not suits:
            return None
        hand.append(value + rng.choice(suits))
    return hand


def _flush(rng, free):
    suit = rng.choice(SUITS)
    cards = [c for c in sorted(free) if c[1] == suit]
    return rng.sample(cards, 5) if len(cards) >= 5 else None


def _mirror(rng, free, other):
    """The values of `other` in other suits: a likely tie, or a near one."""
    hand = []
    for card in other:
        suits = [s for s in SUITS if card[0] + s in free and card[0] + s not in hand]
        if not suits:
            return None
        hand.append(card[0] + rng.choice(suits))
    if rng.random() < 0.4:
        spare = [c for c in sorted(free) if c not in hand]
        hand[rng.randrange(5)] = rng.choice(spare)
    return hand


def _hand(rng, free, other):
    for _ in range(20):
        kind = rng.choices(range(len(WEIGHTS)), WEIGHTS)[0]
        if kind < 6:
            hand = _by_shape(rng, free, SHAPES[kind])
        elif kind == 6:
            hand = _run(rng, free)
        elif kind == 7:
            hand = _run(rng, free, rng.choice(SUITS))
        elif kind == 8:
            hand = _flush(rng, free)
        else:
            hand = _mirror(rng, free, other) if other else None
        if hand and len(set(hand)) == 5:
            return hand
    return rng.sample(sorted(free), 5)


def generate(seed, count):
    """Return `count` pairs of hands for compare_hands, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        free = {v + s for v in VALUES for s in SUITS}
        black = _hand(rng, free, None)
        free -= set(black)
        white = _hand(rng, free, black)
        rng.shuffle(black)
        rng.shuffle(white)
        pair = [" ".join(black), " ".join(white)]
        if rng.random() < 0.5:
            pair.reverse()
        cases.append({"args": pair})
    return cases
