import random

SMALL_PRIMES = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97]
LIMIT = 100000


def generate(seed, count):
    """Return `count` inputs for prime_factors, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        if rng.random() < 0.4:
            n = rng.randint(1, LIMIT)
        else:
            # a product of small primes, often with repeated factors
            n = 1
            for _ in range(rng.randint(1, 12)):
                p = rng.choice(SMALL_PRIMES)
                if n * p > LIMIT:
                    break
                n *= p
        cases.append({"args": [n]})
    return cases
