import random

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _word(rng, length, alphabet):
    return "".join(rng.choice(alphabet) for _ in range(length))


def generate(seed, count):
    """Return `count` (guess, answer) pairs for score_guess, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        length = 5 if rng.random() < 0.6 else rng.randint(1, 10)
        kind = rng.randrange(4)
        if kind == 0:
            # a small alphabet makes repeated letters and partial matches common
            alphabet = "".join(rng.sample(LETTERS, rng.randint(2, 4)))
            guess, answer = _word(rng, length, alphabet), _word(rng, length, alphabet)
        elif kind == 1:
            # the guess is a shuffle of the answer: many yellows
            answer = _word(rng, length, LETTERS[: rng.randint(3, 8)])
            letters = list(answer)
            rng.shuffle(letters)
            guess = "".join(letters)
        elif kind == 2:
            # the guess shares a few positions with the answer
            answer = _word(rng, length, LETTERS)
            guess = "".join(a if rng.random() < 0.4 else rng.choice(LETTERS[:6]) for a in answer)
        else:
            guess, answer = _word(rng, length, LETTERS), _word(rng, length, LETTERS)
        cases.append({"args": [guess, answer]})
    return cases
