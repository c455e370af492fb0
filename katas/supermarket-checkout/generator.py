import random

NAMES = ["A", "B", "C", "D", "E", "F", "apple", "pear", "Milk", "bread", "tea bags", "a"]


def _offers_for(rng, name, unit):
    """Zero to three offers for one item, mostly real savings, sometimes not."""
    offers = []
    quantities = rng.sample(range(2, 11), rng.choice([0, 1, 1, 1, 2, 2, 3]))
    for quantity in quantities:
        full = quantity * unit
        if rng.random() < 0.85:
            price = rng.randint(max(1, full * 6 // 10), max(1, full - 1))
        else:
            price = rng.randint(full, full + 3 * unit)
        offers.append([name, quantity, min(price, 10000)])
    return offers


def generate(seed, count):
    """Return `count` baskets for Checkout, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        names = rng.sample(NAMES, rng.randint(1, 6))
        prices = {}
        offers = []
        for name in names:
            unit = rng.choice([rng.randint(1, 100), 5 * rng.randint(1, 40), rng.randint(1, 1000)])
            prices[name] = unit
            offers.extend(_offers_for(rng, name, unit))
        rng.shuffle(offers)
        # a few items of the price list, some much more often than others
        favourites = rng.sample(names, rng.randint(1, len(names)))
        calls = []
        for _ in range(rng.randint(0, rng.choice([8, 30, 100]))):
            calls.append(["scan", [rng.choice(favourites)]])
            if rng.random() < 0.15:
                calls.append(["total", []])
        calls.append(["total", []])
        cases.append({"init": [prices, offers], "calls": calls})
    return cases
