import random

QUERIES = ["floor", "direction", "stops"]


def generate(seed, count):
    """Return `count` call-and-tick sequences for Lift, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        floors = rng.choice([2, 3, 5, 8, 10, 10, 16, 30, 100])
        calls = []
        for _ in range(rng.randint(1, 60)):
            roll = rng.random()
            if roll < 0.3:
                calls.append(["call", [rng.randrange(floors)]])
            elif roll < 0.8:
                for _ in range(rng.randint(1, 4)):
                    calls.append(["tick", []])
            else:
                calls.append([rng.choice(QUERIES), []])
        # finish every call, then report
        for _ in range(3 * floors + 5):
            calls.append(["tick", []])
        calls += [["floor", []], ["direction", []], ["stops", []]]
        cases.append({"init": [floors], "calls": calls})
    return cases
