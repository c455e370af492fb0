import random

LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"


def _plate(rng):
    left = "".join(rng.choice(LETTERS) for _ in range(rng.randint(1, 3)))
    return left + "-" + str(rng.randint(1, 999))


def _seconds_for(rng, distance, limit):
    """Travel time for `distance` km at a speed around `limit` (exactly it now and then)."""
    exact, rest = divmod(3600 * distance, limit)
    if rest == 0 and rng.random() < 0.3:
        return exact
    speed = limit * rng.uniform(0.7, 1.4)
    return max(1, round(3600 * distance / speed))


def generate(seed, count):
    """Return `count` days of camera sightings for speeding_tickets, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        limit = rng.choice([30, 50, 80, 90, 100, 110, 120, 130, rng.randint(1, 300)])
        posts = sorted(rng.sample(range(0, 60), rng.randint(2, 7)))
        wanted = rng.randint(1, 8)
        plates = set()
        while len(plates) < wanted:
            plates.add(_plate(rng))
        sightings = []
        for plate in sorted(plates):
            clock = rng.randint(0, 5000)
            index = rng.randrange(len(posts))
            step = rng.choice([1, -1])
            sightings.append([plate, posts[index], clock])
            for _ in range(rng.randint(0, 6)):
                if rng.random() < 0.15:
                    step = -step  # the car turns round
                hop = 2 if rng.random() < 0.1 else 1  # a camera misses it now and then
                target = index + step * hop
                if not 0 <= target < len(posts):
                    break
                distance = abs(posts[target] - posts[index])
                clock += _seconds_for(rng, distance, limit)
                index = target
                if hop == 1 or rng.random() < 0.5:
                    sightings.append([plate, posts[index], clock])
        rng.shuffle(sightings)
        cases.append({"args": [sightings, limit]})
    return cases
