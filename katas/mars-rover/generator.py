import random


def generate(seed, count):
    """Return `count` inputs for MarsRover, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        width = rng.choice([rng.randint(1, 5), rng.randint(3, 12), rng.randint(10, 50)])
        height = rng.choice([rng.randint(1, 5), rng.randint(3, 12), rng.randint(10, 50)])
        x = rng.randrange(width)
        y = rng.randrange(height)
        direction = rng.choice("NESW")
        squares = width * height
        obstacles = []
        if squares > 1:
            wanted = rng.randint(0, min(squares - 1, rng.choice([0, 3, 10, 30])))
            taken = {(x, y)}
            while len(obstacles) < wanted:
                spot = (rng.randrange(width), rng.randrange(height))
                if spot not in taken:
                    taken.add(spot)
                    obstacles.append([spot[0], spot[1]])
        calls = []
        for _ in range(rng.randint(1, 6)):
            weights = rng.choice(["FFFFBBLR", "FLR", "FFFFFFFFLR", "FB"])
            commands = "".join(rng.choice(weights) for _ in range(rng.randint(0, 40)))
            calls.append(["execute", [commands]])
        cases.append({"init": [x, y, direction, width, height, obstacles], "calls": calls})
    return cases
