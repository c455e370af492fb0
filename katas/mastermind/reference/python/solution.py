from collections import Counter


def evaluate_guess(secret, guess):
    well_placed = sum(1 for s, g in zip(secret, guess) if s == g)
    in_secret, in_guess = Counter(secret), Counter(guess)
    matched = sum(min(n, in_guess[colour]) for colour, n in in_secret.items())
    return [well_placed, matched - well_placed]
