import random

PLAYERS = ["Borg", "McEnroe", "Evert", "Navratilova", "Graf", "Seles", "Agassi",
           "Sampras", "Li Na", "Osaka", "Nadal", "Federer", "Serena", "Venus"]


def _game_over(first, second, deciding_point):
    leader = max(first, second)
    if deciding_point:
        return leader >= 4
    return leader >= 4 and abs(first - second) >= 2


def generate(seed, count):
    """Return `count` games for TennisGame, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        names = rng.sample(PLAYERS, 2)
        deciding_point = rng.random() < 0.5
        # a balanced game reaches deuce or the deciding point more often
        bias = rng.choice([0.5, 0.5, rng.uniform(0.15, 0.85)])
        points = [0, 0]
        calls = []
        if rng.random() < 0.3:
            calls.append(["score", []])
        while not _game_over(points[0], points[1], deciding_point) and len(calls) < 60:
            who = 0 if rng.random() < bias else 1
            points[who] += 1
            calls.append(["won_point", [names[who]]])
            if rng.random() < 0.6:
                calls.append(["score", []])
        if calls[-1][0] != "score":
            calls.append(["score", []])
        cases.append({"init": [names[0], names[1], deciding_point], "calls": calls})
    return cases
