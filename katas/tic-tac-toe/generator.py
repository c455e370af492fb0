import random


def _move(rng, taken):
    """Mostly a free square; now and then a taken one or one off the grid."""
    free = [(r, c) for r in range(3) for c in range(3) if (r, c) not in taken]
    kind = rng.random()
    if kind < 0.1 and taken:
        return list(rng.choice(sorted(taken)))
    if kind < 0.15:
        return [rng.choice([-1, 0, 1, 2, 3, 7]), rng.choice([-2, -1, 3, 4])][::rng.choice([1, -1])]
    if free:
        return list(rng.choice(free))
    return [rng.randrange(3), rng.randrange(3)]


def generate(seed, count):
    """Return `count` games for TicTacToe, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        taken = set()
        calls = []
        for _ in range(rng.randint(1, 14)):
            row, column = _move(rng, taken)
            calls.append(["play", [row, column]])
            if 0 <= row < 3 and 0 <= column < 3:
                taken.add((row, column))
            if rng.random() < 0.4:
                calls.append(["status", []])
        if rng.random() < 0.5:
            calls.append(["board", []])
        calls.append(["status", []])
        cases.append({"init": [], "calls": calls})
    return cases
