from collections import Counter

NUMBERS = {"ones": 1, "twos": 2, "threes": 3, "fours": 4, "fives": 5, "sixes": 6}
OF_A_KIND = {"pair": 2, "three of a kind": 3, "four of a kind": 4}
STRAIGHTS = {"small straight": [1, 2, 3, 4, 5], "large straight": [2, 3, 4, 5, 6]}


def _values_seen_at_least(counts, times):
    """Die values shown on at least `times` dice, highest first."""
    return sorted((value for value, n in counts.items() if n >= times), reverse=True)


def yatzy_score(dice, category):
    counts = Counter(dice)
    if category == "chance":
        return sum(dice)
    if category == "yatzy":
        return 50 if len(counts) == 1 else 0
    if category in NUMBERS:
        value = NUMBERS[category]
        return value * counts[value]
    if category in OF_A_KIND:
        size = OF_A_KIND[category]
        values = _values_seen_at_least(counts, size)
        return size * values[0] if values else 0
    if category == "two pairs":
        pairs = _values_seen_at_least(counts, 2)
        return 2 * (pairs[0] + pairs[1]) if len(pairs) >= 2 else 0
    if category in STRAIGHTS:
        straight = STRAIGHTS[category]
        return sum(straight) if sorted(dice) == straight else 0
    if category == "full house":
        return sum(dice) if sorted(counts.values()) == [2, 3] else 0
    raise ValueError(f"unknown category: {category!r}")
