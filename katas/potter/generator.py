import random


def generate(seed, count):
    """Return `count` baskets for price, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        kind = rng.randrange(4)
        if kind == 0:
            # small baskets: every shape of one to eight books
            books = [rng.randint(1, 5) for _ in range(rng.randint(0, 8))]
        elif kind == 1:
            # the "five plus three" shapes that greedy grouping gets wrong
            books = []
            for _ in range(rng.randint(1, 3)):
                books += [1, 2, 3, 4, 5] + rng.sample([1, 2, 3, 4, 5], 3)
            books += [rng.randint(1, 5) for _ in range(rng.randint(0, 3))]
        elif kind == 2:
            # uneven piles of copies
            books = []
            for volume in range(1, 6):
                books += [volume] * rng.choice([0, rng.randint(0, 3), rng.randint(0, 8)])
        else:
            books = [rng.randint(1, 5) for _ in range(rng.randint(0, 30))]
        books = books[:30]
        rng.shuffle(books)
        cases.append({"args": [books]})
    return cases
