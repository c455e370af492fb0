from collections import Counter


def score_guess(guess, answer):
    result = ["-"] * len(guess)
    unmatched = Counter()
    for i, (g, a) in enumerate(zip(guess, answer)):
        if g == a:
            result[i] = "G"
        else:
            unmatched[a] += 1
    for i, g in enumerate(guess):
        if result[i] != "G" and unmatched[g] > 0:
            result[i] = "Y"
            unmatched[g] -= 1
    return "".join(result)
