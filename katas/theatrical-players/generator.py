import random

REPERTOIRE = [
    ("hamlet", "Hamlet", "tragedy"),
    ("othello", "Othello", "tragedy"),
    ("lear", "King Lear", "tragedy"),
    ("macbeth", "Macbeth", "tragedy"),
    ("as-like", "As You Like It", "comedy"),
    ("dream", "A Midsummer Night's Dream", "comedy"),
    ("twelfth", "Twelfth Night", "comedy"),
    ("henry-v", "Henry V", "history"),
    ("richard-iii", "Richard III", "history"),
    ("john", "King John", "history"),
]
CUSTOMERS = ["BigCo", "Acme", "Globe Trust", "Village Hall", "O'Brien & Sons", "Festival Board"]
# audiences around the price and credit boundaries come up often
NEAR_BOUNDARIES = [0, 1, 4, 5, 9, 10, 19, 20, 21, 24, 25, 26, 29, 30, 31, 35, 40]


def _audience(rng):
    kind = rng.random()
    if kind < 0.4:
        return rng.choice(NEAR_BOUNDARIES)
    if kind < 0.9:
        return rng.randint(0, 120)
    return rng.randint(0, 100000)


def generate(seed, count):
    """Return `count` invoices for statement, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        offered = rng.sample(REPERTOIRE, rng.randint(1, len(REPERTOIRE)))
        plays = {pid: {"name": name, "type": genre} for pid, name, genre in offered}
        ids = sorted(plays)
        performances = [[rng.choice(ids), _audience(rng)] for _ in range(rng.randint(0, 6))]
        cases.append({"args": [rng.choice(CUSTOMERS), performances, plays]})
    return cases
