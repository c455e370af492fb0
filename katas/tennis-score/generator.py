import random

NAMES = ["Ada", "Grace", "Alan", "Barbara", "Edsger", "Frances", "Linus", "Margaret",
         "Dennis", "Radia", "Ken", "Katherine", "player1", "player2"]


def generate(seed, count):
    """Return `count` inputs for TennisGame, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        a, b = rng.sample(NAMES, 2)
        points = {a: 0, b: 0}
        bias = rng.uniform(0.2, 0.8)
        calls = [["score", []]]
        length = rng.randint(1, 20)
        for _ in range(length):
            player = a if rng.random() < bias else b
            calls.append(["won_point", [player]])
            points[player] += 1
            if rng.random() < 0.7:
                calls.append(["score", []])
            high, low = max(points.values()), min(points.values())
            if high >= 4 and high - low >= 2:
                break
        if calls[-1][0] != "score":
            calls.append(["score", []])
        cases.append({"init": [a, b], "calls": calls})
    return cases
