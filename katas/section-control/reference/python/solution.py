from collections import defaultdict


def speeding_tickets(sightings, limit):
    posts = sorted({km for _, km, _ in sightings})
    neighbours = set(zip(posts, posts[1:]))
    seen = defaultdict(list)
    for plate, km, seconds in sightings:
        seen[plate].append((seconds, km))
    tickets = []
    for plate, trail in seen.items():
        trail.sort()
        for (start, here), (end, there) in zip(trail, trail[1:]):
            if (min(here, there), max(here, there)) not in neighbours:
                continue
            distance = abs(there - here)
            elapsed = end - start
            if 3600 * distance > limit * elapsed:
                tickets.append((end, plate, [plate, here, there, 3600 * distance // elapsed]))
    tickets.sort(key=lambda t: (t[0], t[1]))
    return [ticket for _, _, ticket in tickets]
