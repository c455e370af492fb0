import random


def _pins(rng, standing):
    """Pins knocked down by one ball when `standing` pins are up."""
    kind = rng.random()
    if kind < 0.25:
        return standing
    if kind < 0.35:
        return 0
    return rng.randint(0, standing)


def generate(seed, count):
    """Return `count` complete games for BowlingGame, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        rolls = []
        for _ in range(9):
            first = _pins(rng, 10)
            rolls.append(first)
            if first < 10:
                rolls.append(_pins(rng, 10 - first))
        first = _pins(rng, 10)
        rolls.append(first)
        if first == 10:
            second = _pins(rng, 10)
            rolls.append(second)
            rolls.append(_pins(rng, 10 if second == 10 else 10 - second))
        else:
            second = _pins(rng, 10 - first)
            rolls.append(second)
            if first + second == 10:
                rolls.append(_pins(rng, 10))
        calls = [["roll", [pins]] for pins in rolls]
        calls.append(["score", []])
        cases.append({"init": [], "calls": calls})
    return cases
