from collections import Counter

VALUES = "23456789TJQKA"
HIGH_CARD, PAIR, TWO_PAIRS, THREE_OF_A_KIND, STRAIGHT = range(5)
FLUSH, FULL_HOUSE, FOUR_OF_A_KIND, STRAIGHT_FLUSH = range(5, 9)
RANK_NAMES = ["high card", "pair", "two pairs", "three of a kind", "straight",
              "flush", "full house", "four of a kind", "straight flush"]
SHAPES = {
    (4, 1): FOUR_OF_A_KIND,
    (3, 2): FULL_HOUSE,
    (3, 1, 1): THREE_OF_A_KIND,
    (2, 2, 1): TWO_PAIRS,
    (2, 1, 1, 1): PAIR,
}


def evaluate(hand):
    """(rank, tie-break values) of a hand such as "2H 3D 5S 9C KD"; greater is better."""
    cards = hand.split(" ")
    counts = Counter(VALUES.index(card[0]) for card in cards)
    # Values that appear most often come first, higher values first among equals.
    groups = sorted(counts.items(), key=lambda item: (item[1], item[0]), reverse=True)
    shape = tuple(n for _, n in groups)
    values = [value for value, _ in groups]
    flush = len({card[1] for card in cards}) == 1
    straight = len(values) == 5 and values[0] - values[4] == 4
    if straight and flush:
        rank = STRAIGHT_FLUSH
    elif shape in ((4, 1), (3, 2)):
        rank = SHAPES[shape]
    elif flush:
        rank = FLUSH
    elif straight:
        rank = STRAIGHT
    else:
        rank = SHAPES.get(shape, HIGH_CARD)
    return rank, values


def compare_hands(black, white):
    black_hand, white_hand = evaluate(black), evaluate(white)
    if black_hand == white_hand:
        return "Tie"
    winner, hand = ("Black", black_hand) if black_hand > white_hand else ("White", white_hand)
    return f"{winner} wins with {RANK_NAMES[hand[0]]}"
